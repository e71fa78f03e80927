
from sklearn.preprocessing import KBinsDiscretizer, OneHotEncoder, StandardScaler


def build_linear_view():
    """A sparse matrix for linear, kernel and neighbour models: scaled numbers, one-hot categories, TF-IDF text."""
    blocks = []
    numbers = numeric_frame()
    if DATETIME:
        numbers = pd.concat([numbers, datetime_parts()], axis=1)
    if numbers.shape[1]:
        flags = missing_indicators(numbers)
        filled = numbers.fillna(numbers.median())
        log_mode = FEATURE_OPTIONS.get("numeric_log", "skewed")
        for column in filled.columns:
            values = filled[column]
            if values.nunique() <= 2:
                continue
            if log_mode == "positive" and values.min() > 0:
                filled[column] = np.log(values)  # ratios of positive measurements become differences
            elif abs(values.skew()) > 1.0:
                filled[column] = np.sign(values) * np.log1p(np.abs(values))  # tame long tails
        blocks.append(sparse.csr_matrix(StandardScaler().fit_transform(filled)))
        if flags.shape[1]:
            blocks.append(sparse.csr_matrix(flags.to_numpy()))
        bins = FEATURE_OPTIONS.get("numeric_bins", 0)
        many = [c for c in filled.columns if filled[c].nunique() > bins]
        if bins and many:
            binner = KBinsDiscretizer(n_bins=bins, encode="onehot", strategy="quantile", subsample=None)
            blocks.append(binner.fit_transform(filled[many]).tocsr())
    if CATEGORICAL or CODES:
        values = ALL[CATEGORICAL + CODES].astype(str).where(ALL[CATEGORICAL + CODES].notna(), "__missing__")
        encoder = OneHotEncoder(handle_unknown="ignore", min_frequency=FEATURE_OPTIONS.get("rare_min_count", 5))
        blocks.append(encoder.fit_transform(values).tocsr())
    if TEXT:
        blocks.append(text_tfidf(FEATURE_OPTIONS.get("word_ngrams", [1, 2]), FEATURE_OPTIONS.get("char_ngrams", [2, 5])))
    if TEXT:
        blocks.append(sparse.csr_matrix(StandardScaler().fit_transform(text_statistics())))
    matrix = sparse.hstack(blocks).tocsr().astype(np.float32)
    log(f"linear view: {matrix.shape[1]} columns")
    return matrix
