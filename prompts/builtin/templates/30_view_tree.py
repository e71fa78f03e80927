

def build_tree_view():
    """A dense table for tree models: raw numbers (missing kept), category codes and derived columns."""
    parts = [numeric_frame()]
    codes, cardinality = category_codes(min_count=FEATURE_OPTIONS.get("rare_min_count", 5))
    parts.append(codes.add_suffix("__code"))
    if FEATURE_OPTIONS.get("count_encoding") and CATEGORICAL:
        parts.append(count_encoding())
    if DATETIME:
        parts.append(datetime_parts())
    if TEXT:
        parts.append(text_dense_features(FEATURE_OPTIONS.get("text_svd_components", 64)))
    frame = pd.concat(parts, axis=1)
    high_cardinality = [c for c in CATEGORICAL if cardinality[c] > FEATURE_OPTIONS.get("target_encoding_min_levels", 10)]
    high_cardinality += [c for c in CODES if ALL[c].nunique() > FEATURE_OPTIONS.get("target_encoding_min_levels", 10)]
    # A category that gets a target encoding is not also split natively: a native split groups its levels by their
    # mean gradient on the fold's rows, unsmoothed, and with dozens of levels it fits noise (a US state in a churn
    # table); the encoding holds the same grouping, smoothed and out of fold, and the codes stay as a number.
    encoded = set(high_cardinality) if FEATURE_OPTIONS.get("target_encoding") else set()
    native = {f"{c}__code" for c in CATEGORICAL
              if cardinality[c] <= FEATURE_OPTIONS.get("max_native_categories", 64) and c not in encoded}
    categorical_mask = np.array([c in native for c in frame.columns])
    log(f"tree view: {frame.shape[1]} columns ({categorical_mask.sum()} native categorical)")
    return frame.to_numpy(dtype=np.float32), list(frame.columns), categorical_mask, high_cardinality
