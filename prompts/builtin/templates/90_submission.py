
# %% 10. Train, blend, post-process and write the submission in the sample's format
def submission_values(pred):
    """Model-space test predictions -> the values the sample submission expects for this target."""
    fmt = TASK["submission_format"]
    if MODEL_KIND == "regression" and not IS_ORDINAL:
        values = inverse(pred)
        low, high = np.min(Y), np.max(Y)
        span = high - low
        values = np.clip(values, low - 0.1 * span, high + 0.1 * span)
        return np.maximum(values, 0) if METRIC == "rmsle" else values
    if fmt in ("probability", "multilabel_probabilities"):
        return np.clip(pred[:, -1], 1e-6, 1 - 1e-6)
    if fmt == "class_probabilities":
        proba = np.clip(pred, 1e-6, 1)
        return proba / proba.sum(axis=1, keepdims=True)
    if METRIC == "map@k":
        top = np.argsort(-pred, axis=1)[:, :3]
        return [" ".join(CLASSES[k] for k in row) for row in top]
    return [CLASSES[k] for k in labels_from(pred)]


predictions = {}
for target_column in TARGETS:
    Y, CLASSES = encode_target(target_column)
    N_CLASSES = len(CLASSES)
    ROUND_SPEEDUP = round_speedup()
    MODEL_KIND = "classification" if IS_CLASSIFICATION and not IS_ORDINAL else "regression"
    y_model = forward(Y) if MODEL_KIND == "regression" and not IS_ORDINAL else Y.astype(float) if IS_ORDINAL else Y
    log(f"target {target_column}: {MODEL_KIND}, members: {', '.join(m['name'] for m in MEMBERS)}")
    oof, tests, covered = run_cross_validation(y_model)
    y_seen = Y[covered]
    for member, pred in zip(MEMBERS, oof):
        log(f"out-of-fold {METRIC} of {member['name']}: {score(y_seen, pred):.5f}")
    weights = blend_weights(oof, y_seen)
    blended_oof = sum(w * p for w, p in zip(weights, oof))
    blended_test = sum(w * p for w, p in zip(weights, tests))
    if len(MEMBERS) > 1:
        log("blend weights: " + ", ".join(f"{m['name']}={w:.2f}" for m, w in zip(MEMBERS, weights)))
    postprocess = fit_postprocessing(blended_oof, y_seen)
    final_oof = postprocess(blended_oof)
    log(f"out-of-fold {METRIC} of the final model: {score(y_seen, final_oof):.5f}")
    predictions[target_column] = postprocess(blended_test)

os.makedirs("submission", exist_ok=True)
submission = pd.DataFrame({ID: test[ID].to_numpy()})
columns = [c for c in sample.columns if c != ID]
if TASK["submission_format"] == "class_probabilities":
    values = submission_values(predictions[TARGETS[0]])
    for column in columns:
        submission[column] = values[:, CLASSES.index(str(column))] if str(column) in CLASSES else 0.0
else:
    for column, target_column in zip(columns, TARGETS):
        submission[column] = submission_values(predictions[target_column])
# Same ids in the same order as the sample submission.
order = pd.Series(range(len(submission)), index=submission[ID].astype(str))
submission = submission.iloc[order.reindex(sample[ID].astype(str)).to_numpy()].reset_index(drop=True)
submission[ID] = sample[ID].to_numpy()
submission.to_csv("submission/submission.csv", index=False)
log(f"wrote submission/submission.csv {submission.shape}")
