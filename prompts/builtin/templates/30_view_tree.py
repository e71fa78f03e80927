

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
    native = {f"{c}__code" for c in CATEGORICAL if cardinality[c] <= FEATURE_OPTIONS.get("max_native_categories", 64)}
    categorical_mask = np.array([c in native for c in frame.columns])
    high_cardinality = [c for c in CATEGORICAL if cardinality[c] > FEATURE_OPTIONS.get("target_encoding_min_levels", 10)]
    high_cardinality += [c for c in CODES if ALL[c].nunique() > FEATURE_OPTIONS.get("target_encoding_min_levels", 10)]
    log(f"tree view: {frame.shape[1]} columns ({categorical_mask.sum()} native categorical)")
    return frame.to_numpy(dtype=np.float32), list(frame.columns), categorical_mask, high_cardinality
