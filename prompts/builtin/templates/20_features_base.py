
# %% 4. Feature engineering (fitted on train + test together: unsupervised steps only)
FEATURE_OPTIONS = RECIPE["features"]


def numeric_frame():
    """Numeric columns as floats; values that do not parse become missing."""
    frame = ALL[NUMERIC].apply(to_number).astype(float)
    frame = frame.replace([np.inf, -np.inf], np.nan)
    if FEATURE_OPTIONS.get("impute_rare_missing", True):
        frame = impute_rare_missing(frame)
    return frame


def impute_rare_missing(frame):
    """Values missing in only a handful of rows carry no learnable signal: a model would learn what "missing"
    means from one or two training rows. Fill them from the most similar rows instead (k-nearest-neighbour
    imputation over the scaled numbers and the one-hot categories); frequent missingness stays as it is."""
    from sklearn.impute import KNNImputer

    counts = frame.isna().sum()
    rare = [c for c in frame.columns if 0 < counts[c] <= max(10, 0.01 * len(frame))]
    rows = frame[rare].isna().any(axis=1).to_numpy() if rare else np.zeros(len(frame), bool)
    if not rare or rows.sum() > 500:
        return frame
    mean, std = frame.mean(), frame.std().replace(0, 1).fillna(1)
    context = [(frame - mean) / std]
    small = [c for c in CATEGORICAL if ALL[c].nunique() <= 50]
    if small:
        context.append(pd.get_dummies(ALL[small].astype(str).where(ALL[small].notna()), dtype=float))
    matrix = pd.concat(context, axis=1).to_numpy(dtype=float)
    filled = KNNImputer(n_neighbors=10).fit(matrix).transform(matrix[rows])[:, :frame.shape[1]]
    result = frame.copy()
    for j, column in enumerate(frame.columns):
        if column in rare:
            values = result.loc[rows, column]
            result.loc[rows, column] = values.where(values.notna(), filled[:, j] * std[column] + mean[column])
    log(f"filled rare missing values of {', '.join(rare)} in {rows.sum()} rows from their 10 nearest neighbours")
    return result


def category_codes(min_count):
    """Integer codes per categorical column, most frequent first; rare values share one code, missing stays NaN."""
    codes, cardinality = {}, {}
    for column in CATEGORICAL:
        values = ALL[column].astype(str).where(ALL[column].notna())
        counts = values.value_counts()
        frequent = counts[counts >= min_count].index
        mapping = {value: i for i, value in enumerate(frequent)}
        coded = values.map(mapping)
        rare = values.notna() & coded.isna()
        if rare.any():
            coded[rare] = len(mapping)
        codes[column] = coded.astype(float)
        cardinality[column] = len(mapping) + int(rare.any())
    return pd.DataFrame(codes, index=ALL.index), cardinality


def count_encoding():
    """How often each categorical value occurs (train + test)."""
    frame = {}
    for column in CATEGORICAL:
        values = ALL[column].astype(str).where(ALL[column].notna(), "__missing__")
        frame[f"{column}__count"] = values.map(values.value_counts()).astype(float)
    return pd.DataFrame(frame, index=ALL.index)


def missing_indicators(frame):
    flags = {f"{c}__missing": frame[c].isna().astype(float) for c in frame.columns if frame[c].isna().any()}
    return pd.DataFrame(flags, index=frame.index)
