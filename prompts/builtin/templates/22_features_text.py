
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.decomposition import TruncatedSVD

TEXT_MAX_CHARS = int(FEATURE_OPTIONS.get("text_max_chars", 20000))


def text_values(column):
    return ALL[column].fillna("").astype(str).str.slice(0, TEXT_MAX_CHARS)


def text_statistics():
    """Cheap shape features of each text column: length, words, digits, capitals, punctuation, links."""
    stats = {}
    for column in TEXT:
        text = text_values(column)
        length = text.str.len().astype(float)
        stats[f"{column}__chars"] = np.log1p(length)
        stats[f"{column}__words"] = np.log1p(text.str.split().str.len().astype(float))
        stats[f"{column}__digits"] = text.str.count(r"\d") / (length + 1)
        stats[f"{column}__upper"] = text.str.count(r"[A-Z]") / (length + 1)
        stats[f"{column}__punct"] = text.str.count(r"[!$%?]") / (length + 1)
        stats[f"{column}__links"] = np.log1p(text.str.count(r"https?://|www\.").astype(float))
    return pd.DataFrame(stats, index=ALL.index)


def text_tfidf(word_ngrams=(1, 2), char_ngrams=(2, 5), max_features=200000):
    """Sparse TF-IDF of word and character n-grams of every text column (sublinear term frequency)."""
    blocks = []
    for column in TEXT:
        text = text_values(column)
        words = TfidfVectorizer(ngram_range=tuple(word_ngrams), min_df=2, max_df=0.95, sublinear_tf=True,
                                max_features=max_features, token_pattern=r"(?u)\b\w+\b", dtype=np.float32)
        blocks.append(words.fit_transform(text))
        if char_ngrams:
            chars = TfidfVectorizer(analyzer="char_wb", ngram_range=tuple(char_ngrams), min_df=3, sublinear_tf=True,
                                    max_features=max_features, dtype=np.float32)
            blocks.append(chars.fit_transform(text.str.slice(0, 5000)))
    return sparse.hstack(blocks).tocsr()


def text_dense_features(n_components):
    """For tree models: frequent-token flags (short texts such as names) and an SVD of the word TF-IDF."""
    frames = [text_statistics()]
    for column in TEXT:
        text = text_values(column)
        min_df = max(5, int(0.01 * len(text)))
        tokens = CountVectorizer(binary=True, min_df=min_df, max_features=40, token_pattern=r"(?u)\b\w+\b")
        try:
            flags = tokens.fit_transform(text)
            names = [f"{column}__has_{t}" for t in tokens.get_feature_names_out()]
            frames.append(pd.DataFrame(flags.toarray().astype(float), columns=names, index=ALL.index))
        except ValueError:
            pass  # no token is frequent enough
        if text.str.len().mean() < FEATURE_OPTIONS.get("text_svd_min_chars", 60):
            continue  # short texts (names, titles): the token flags carry the signal, an SVD adds noise
        tfidf = TfidfVectorizer(ngram_range=(1, 2), min_df=2, max_df=0.95, sublinear_tf=True, max_features=50000)
        matrix = tfidf.fit_transform(text)
        k = int(min(n_components, matrix.shape[1] - 1, len(text) // 20))
        if k >= 2:
            svd = TruncatedSVD(n_components=k, random_state=SEED)
            reduced = svd.fit_transform(matrix)
            frames.append(pd.DataFrame(reduced, columns=[f"{column}__svd{i}" for i in range(k)], index=ALL.index))
    return pd.concat(frames, axis=1)
