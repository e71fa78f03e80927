
# %% 10. Train, blend, post-process and write the submission in the sample's format
def submission_values(pred):
    """Model-space test predictions -> the values the sample submission expects for this target."""
    fmt = TASK["submission_format"]
    if MODEL_KIND == "regression" and not IS_ORDINAL:
        values = inverse(pred)
        low, high = np.min(Y), np.max(Y)
        span = high - low
        values = np.clip(values, low - 0.1 * span, high + 0.1 * span)
        if METRIC == "quadratic_weighted_kappa":  # labels are scored as text: the nearest value seen in train
            levels = np.unique(Y)
            return label_text(levels[np.abs(values[:, None] - levels[None, :]).argmin(axis=1)]).to_numpy()
        return np.maximum(values, 0) if METRIC == "rmsle" else values
    if fmt in ("probability", "multilabel_probabilities"):
        return np.clip(pred[:, -1], 1e-6, 1 - 1e-6)
    if fmt == "class_probabilities":
        proba = np.clip(pred, 1e-6, 1)
        return proba / proba.sum(axis=1, keepdims=True)
    if METRIC == "map@k":
        top = np.argsort(-pred, axis=1)[:, :MAP_K]
        return [" ".join(CLASSES[k] for k in row) for row in top]
    return [CLASSES[k] for k in labels_from(pred)]


predictions = {}
oof_predictions = {}  # per target: model-space out-of-fold predictions of every training row (NaN where not covered)
TARGET_STATE = {}


def keep_target_state(target_column):
    """What submission_values needs to turn this target's predictions into values, kept per target."""
    TARGET_STATE[target_column] = dict(Y=Y, CLASSES=CLASSES, N_CLASSES=N_CLASSES, MODEL_KIND=MODEL_KIND,
                                       THRESHOLD=THRESHOLD, CUTS=CUTS)


TOTAL_BUDGET_S = BUDGET_S
for target_index, target_column in enumerate(TARGETS):
    # Several targets (multi-label, multi-output regression) share the time budget: each gets an equal part of
    # what is left, so that the last target still has time for its folds. time_left() counts down to BUDGET_S.
    BUDGET_S = elapsed() + (TOTAL_BUDGET_S - elapsed()) / (len(TARGETS) - target_index)
    Y, CLASSES = encode_target(target_column)
    N_CLASSES = len(CLASSES)
    THRESHOLD, CUTS = 0.5, None  # post-processing fitted for the previous target does not apply to this one
    ROUND_SPEEDUP = round_speedup()
    MODEL_KIND = "classification" if IS_CLASSIFICATION and not IS_ORDINAL else "regression"
    y_model = forward(Y) if MODEL_KIND == "regression" and not IS_ORDINAL else Y.astype(float) if IS_ORDINAL else Y
    if MODEL_KIND == "classification" and len(np.unique(Y)) < 2:
        # Nothing to learn (e.g. a multi-label column that is never on in train): predict the one class seen.
        log(f"target {target_column}: only class {CLASSES[Y[0]]} in train; predicting it for every row")
        constant = np.eye(N_CLASSES)[Y[0]] * 0.98 + 0.02 / N_CLASSES
        predictions[target_column] = np.tile(constant, (len(test), 1))
        oof_predictions[target_column] = np.tile(constant, (N_TRAIN, 1))
        keep_target_state(target_column)
        continue
    log(f"target {target_column}: {MODEL_KIND}, members: {', '.join(m['name'] for m in MEMBERS)}")
    oof, tests, covered, row_fold = run_cross_validation(y_model)
    y_seen = Y[covered]
    for member, pred in zip(MEMBERS, oof):
        log(f"out-of-fold {METRIC} of {member['name']}: {score(y_seen, pred):.5f}")
    weights = blend_weights(oof, y_seen)  # for the test predictions; the out-of-fold blend is cross-fitted
    blended_oof = cross_fitted_blend(oof, y_seen, row_fold, weights)
    blended_test = sum(w * p for w, p in zip(weights, tests))
    if len(MEMBERS) > 1:
        log("blend weights: " + ", ".join(f"{m['name']}={w:.2f}" for m, w in zip(MEMBERS, weights)))
    postprocess = fit_postprocessing(blended_oof, y_seen)
    final_oof = postprocess(blended_oof)
    log(f"out-of-fold {METRIC} of the final model: {score(y_seen, final_oof):.5f}")
    predictions[target_column] = postprocess(blended_test)
    full_oof = np.full((N_TRAIN,) + final_oof.shape[1:], np.nan)
    full_oof[covered] = final_oof
    oof_predictions[target_column] = full_oof
    keep_target_state(target_column)

def plain(name):
    return re.sub(r"[^0-9a-z]", "", str(name).lower())


def class_of(column, names):
    """The class a column stands for: same name, same plain name, else the longest name it ends with."""
    exact = [c for c in names if c == str(column)] or [c for c in names if plain(c) == plain(column)]
    endings = sorted((c for c in names if plain(c) and plain(column).endswith(plain(c))), key=lambda c: -len(plain(c)))
    return (exact or endings or [None])[0]


def as_submission(by_target, ids, rows=None):
    """Model-space predictions per target (rows selected by `rows`) -> a table in the sample submission's columns."""
    frame = pd.DataFrame({ID: np.asarray(ids)})
    columns = [c for c in sample.columns if c != ID]
    pick = (lambda p: p) if rows is None else (lambda p: p[rows])
    if TASK["submission_format"] == "class_probabilities":
        globals().update(TARGET_STATE[TARGETS[0]])
        values = submission_values(pick(by_target[TARGETS[0]]))
        # Columns are the class names, possibly spelled differently ("class_1" for 1, "Adelie" for "adelie").
        seen = [CLASSES[k] for k in np.unique(Y)]  # classes with train rows first: they are the ones the models learnt
        for column in columns:
            name = TASK.get("class_of_column", {}).get(column) or class_of(column, seen) or class_of(column, CLASSES)
            frame[column] = values[:, CLASSES.index(name)] if name is not None else 0.0
    else:
        for column, target_column in zip(columns, TARGETS):
            target_column = column if column in by_target else target_column  # by name when the sample's order differs
            globals().update(TARGET_STATE[target_column])
            frame[column] = submission_values(pick(by_target[target_column]))
    return frame


os.makedirs("submission", exist_ok=True)
submission = as_submission(predictions, test[ID].to_numpy())
# Same ids in the same order as the sample submission.
order = pd.Series(range(len(submission)), index=submission[ID].astype(str))
submission = submission.iloc[order.reindex(sample[ID].astype(str)).to_numpy()].reset_index(drop=True)
submission[ID] = sample[ID].to_numpy()
submission.to_csv("submission/submission.csv", index=False)
log(f"wrote submission/submission.csv {submission.shape}")

# Out-of-fold predictions of the training rows every target covered, in the same format (the orchestrator scores them).
if ID in train.columns:  # the orchestrator's train.csv always has ids; a task's own may not
    covered_all = np.all([~np.isnan(p.reshape(N_TRAIN, -1)).any(axis=1) for p in oof_predictions.values()], axis=0)
    oof = as_submission(oof_predictions, train[ID].to_numpy()[covered_all], rows=covered_all)
    oof.to_csv("submission/oof.csv", index=False)
    log(f"wrote submission/oof.csv {oof.shape} ({covered_all.mean():.0%} of the training rows)")
