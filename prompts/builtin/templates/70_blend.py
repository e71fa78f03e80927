
# %% 8. Blend the members: greedy forward selection with replacement on out-of-fold predictions
def blend_weights(oof, y_true):
    if len(oof) == 1:
        return np.ones(1)
    counts = np.zeros(len(oof))
    total, best_score = None, None
    for _ in range(RECIPE.get("ensemble", {}).get("rounds", 30)):
        trials = []
        for m, pred in enumerate(oof):
            candidate = pred if total is None else (total * counts.sum() + pred) / (counts.sum() + 1)
            trials.append((score(y_true, candidate), m, candidate))
        trial_score, m, candidate = min(trials, key=lambda t: t[0]) if LOWER_IS_BETTER else max(trials, key=lambda t: t[0])
        if best_score is not None and not better(trial_score, best_score):
            break
        counts[m] += 1
        total, best_score = candidate, trial_score
    weights = counts / counts.sum()
    # Small data: OOF scores are noisy, so shrink the fitted weights towards an equal average.
    shrink = RECIPE.get("ensemble", {}).get("shrink", 0.0)
    return (1 - shrink) * weights + shrink / len(oof)


def cross_fitted_blend(oof, y_true, row_fold, weights):
    """The blend's out-of-fold predictions, each fold's rows blended with weights fitted on the other folds' rows only
    (`weights`, fitted on every row, when there is one member or one fold). Weights fitted on every row have seen the
    labels they are judged on: a blend of many members on a few hundred rows then looks points better than it is, and
    the search would choose it for that."""
    folds = np.unique(row_fold)
    if len(oof) == 1 or len(folds) == 1:
        return sum(w * p for w, p in zip(weights, oof))
    blended = np.zeros_like(oof[0])
    for fold in folds:
        rows = row_fold == fold
        weights = blend_weights([p[~rows] for p in oof], y_true[~rows])
        blended[rows] = sum(w * p[rows] for w, p in zip(weights, oof))
    return blended
