
# %% 4. Feature engineering (fitted on train + test together: unsupervised steps only)
FEATURE_OPTIONS = RECIPE["features"]


def numeric_frame():
    """Numeric columns as floats; values that do not parse become missing."""
    frame = ALL[NUMERIC].apply(pd.to_numeric, errors="coerce").astype(float)
    return frame.replace([np.inf, -np.inf], np.nan)


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
