
# %% 9. Post-processing fitted on out-of-fold predictions
from scipy.optimize import minimize_scalar


def sharpen(proba, power):
    proba = np.clip(proba, 1e-12, 1) ** power
    return proba / proba.sum(axis=1, keepdims=True)


def reweight(proba, weights):
    scaled = np.clip(proba, 1e-12, 1) * weights
    return scaled / scaled.sum(axis=1, keepdims=True)


def fit_class_weights(oof_pred, y_true, base, seconds=8.0):
    """Macro-averaged label metrics reward predicting rare classes more often than the most probable class
    does: multiply each class's probability by a weight (coordinate ascent on a log grid, on OOF predictions)."""
    weights = np.ones(N_CLASSES)
    best = base
    grid = np.exp(np.linspace(-1.5, 1.5, 13))
    started = time.time()
    for _ in range(2):
        for k in range(N_CLASSES):
            if time.time() - started > seconds:
                return weights, best
            for g in grid:
                trial = weights.copy()
                trial[k] = g
                value = score(y_true, reweight(oof_pred, trial))
                if better(value, best) and abs(value - best) > 1e-9:
                    weights, best = trial, value
    return weights, best


def fit_postprocessing(oof_pred, y_true):
    """Returns a function applied to test predictions. Every step is kept only if it improves the OOF score."""
    global THRESHOLD, CUTS
    steps = []
    base = score(y_true, oof_pred)
    if MODEL_KIND == "classification" and METRIC == "log_loss":
        result = minimize_scalar(lambda a: score(y_true, sharpen(oof_pred, a)), bounds=tuple(RECIPE.get("postprocess", {}).get("power_bounds", [0.5, 2.0])), method="bounded")
        if result.fun < base:
            power = float(result.x)
            log(f"probability power {power:.3f}: log_loss {base:.5f} -> {result.fun:.5f}")
            steps.append(lambda p: sharpen(p, power))
    if MODEL_KIND == "classification" and N_CLASSES == 2 and RECIPE.get("postprocess", {}).get("threshold") == "fit":
        candidates = np.unique(np.quantile(oof_pred[:, 1], np.linspace(0.02, 0.98, 97)))
        scores = []
        for t in candidates:
            THRESHOLD = t
            scores.append(score(y_true, oof_pred))
        THRESHOLD = float(candidates[int(np.argmax(scores))]) if scores else 0.5
        log(f"decision threshold {THRESHOLD:.3f}: {METRIC} {base:.5f} -> {max(scores):.5f}")
    if MODEL_KIND == "classification" and N_CLASSES > 2 and METRIC in ("f1_macro", "balanced_accuracy"):
        weights, tuned = fit_class_weights(oof_pred, y_true, base)
        if better(tuned, base):
            log(f"class weights {np.round(weights, 2).tolist()}: {METRIC} {base:.5f} -> {tuned:.5f}")
            steps.append(lambda p: reweight(p, weights))
    if IS_ORDINAL:
        CUTS = np.arange(N_CLASSES - 1) + 0.5
        for _ in range(2):
            for k in range(N_CLASSES - 1):
                low = CUTS[k - 1] if k else -np.inf
                high = CUTS[k + 1] if k + 1 < len(CUTS) else np.inf
                grid = np.linspace(max(low, CUTS[k] - 0.6), min(high, CUTS[k] + 0.6), 25)
                trial = []
                for g in grid:
                    CUTS[k] = g
                    trial.append(score(y_true, oof_pred))
                CUTS[k] = grid[int(np.argmax(trial))]
        log(f"ordinal cuts {np.round(CUTS, 2).tolist()}: {METRIC} {base:.5f} -> {score(y_true, oof_pred):.5f}")
    if MODEL_KIND == "regression" and not IS_ORDINAL and METRIC in ("rmse", "mae") and TRANSFORM == "log1p":
        values = inverse(oof_pred)
        factor = float(np.clip(np.dot(values, y_true) / max(np.dot(values, values), 1e-12), 0.9, 1.1))
        scaled = score(y_true, forward(values * factor))
        if better(scaled, base):
            log(f"rescaling back-transformed predictions by {factor:.4f}: {METRIC} {base:.5f} -> {scaled:.5f}")
            steps.append(lambda p: forward(inverse(p) * factor))

    def apply(pred):
        for step in steps:
            pred = step(pred)
        return pred

    return apply
