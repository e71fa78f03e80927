
# %% 6. Validation: the task's metric, target transform and folds
from sklearn import metrics as skm
from sklearn.model_selection import KFold, StratifiedKFold

LOWER_IS_BETTER = METRIC in ("log_loss", "rmse", "rmsle", "mae")
TRANSFORM = RECIPE.get("target_transform", "none")
THRESHOLD = 0.5  # binary decision threshold; refitted on out-of-fold predictions when the recipe asks
CUTS = None  # class boundaries of ordinal regression, fitted on out-of-fold predictions


def forward(y):
    return np.log1p(np.maximum(y, 0)) if TRANSFORM == "log1p" else y


def inverse(z):
    return np.expm1(z) if TRANSFORM == "log1p" else z


def ordinal_labels(values):
    cuts = CUTS if CUTS is not None else np.arange(N_CLASSES - 1) + 0.5
    return np.searchsorted(cuts, values)


def labels_from(pred):
    if MODEL_KIND == "regression":  # ordinal regression
        return ordinal_labels(pred)
    if N_CLASSES == 2:
        return (pred[:, 1] >= THRESHOLD).astype(int)
    return pred.argmax(axis=1)


def score(y_true, pred):
    """The task's metric for model-space predictions (higher or lower is better as the metric says)."""
    if MODEL_KIND == "regression" and not IS_ORDINAL:
        values = inverse(pred)
        if METRIC == "rmsle":
            return float(np.sqrt(np.mean((np.log1p(np.maximum(values, 0)) - np.log1p(np.maximum(y_true, 0))) ** 2)))
        if METRIC == "mae":
            return float(skm.mean_absolute_error(y_true, values))
        if METRIC == "r2":
            return float(skm.r2_score(y_true, values))
        return float(np.sqrt(skm.mean_squared_error(y_true, values)))
    y_true = np.asarray(y_true).astype(int)
    if METRIC in ("roc_auc", "log_loss", "map@k") and MODEL_KIND == "classification":
        proba = np.clip(pred, 1e-15, 1)
        proba = proba / proba.sum(axis=1, keepdims=True)
        if METRIC == "log_loss":
            return float(skm.log_loss(y_true, proba, labels=list(range(N_CLASSES))))
        if METRIC == "map@k":
            top = np.argsort(-proba, axis=1)[:, :MAP_K]
            hits = top == y_true[:, None]
            return float((hits / np.arange(1, top.shape[1] + 1)).sum(axis=1).mean())
        if N_CLASSES == 2:
            return float(skm.roc_auc_score(y_true, proba[:, 1])) if len(np.unique(y_true)) == 2 else 0.5
        present = np.unique(y_true)
        return float(np.mean([skm.roc_auc_score(y_true == k, proba[:, k]) for k in present])) if len(present) > 1 else 0.5
    labels = labels_from(pred)
    if METRIC == "balanced_accuracy":
        return float(skm.balanced_accuracy_score(y_true, labels))
    if METRIC == "f1":
        return float(skm.f1_score(y_true, labels, pos_label=N_CLASSES - 1, average="binary" if N_CLASSES == 2 else "macro"))
    if METRIC in ("f1_macro", "f1_micro"):
        return float(skm.f1_score(y_true, labels, average=METRIC.split("_")[1]))
    if METRIC == "quadratic_weighted_kappa":
        return float(skm.cohen_kappa_score(y_true, labels, weights="quadratic"))
    return float(skm.accuracy_score(y_true, labels))


def better(a, b):
    return a < b if LOWER_IS_BETTER else a > b


# The orchestrator's folds (input/folds.csv: id, fold) when it gives them: every program then predicts each training
# row from a model that did not see it, on the same folds, so that out-of-fold predictions can be compared and
# ensembled. Without them (a run on all the data) the program makes its own folds.
FOLD_OF_ROW = None
if os.path.exists("input/folds.csv"):
    _folds = read_table("input/folds.csv", dtype={ID: str})
    _fold_of = dict(zip(_folds[ID].astype(str), _folds["fold"].astype(int)))
    FOLD_OF_ROW = train[ID].astype(str).map(_fold_of).fillna(-1).astype(int).to_numpy()  # -1: always trained on


def make_splits(y):
    """The orchestrator's folds when given (only the first under a one-fold recipe: a hold-out for short time
    limits); else stratified folds for classes (fewer folds when a class is rare), shuffled folds otherwise,
    optionally repeated. One fold means a single hold-out of `holdout` of the rows."""
    folds = RECIPE["validation"].get("folds", 5)
    if FOLD_OF_ROW is not None:
        given = [k for k in sorted(set(FOLD_OF_ROW.tolist())) if k >= 0]
        splits = [(np.where(FOLD_OF_ROW != k)[0], np.where(FOLD_OF_ROW == k)[0]) for k in given]
        return splits[:1] if folds <= 1 else splits
    if folds <= 1:
        return holdout_split(y, RECIPE["validation"].get("holdout", 0.2))
    repeats = RECIPE["validation"].get("repeats", 1)
    strata = np.asarray(y).astype(int) if IS_CLASSIFICATION else None
    if strata is None and RECIPE["validation"].get("stratify_regression", True):
        strata = pd.qcut(pd.Series(y).rank(method="first"), q=min(10, max(2, len(y) // 50)), labels=False).to_numpy()
    if strata is not None:
        smallest = np.min([c for c in np.bincount(strata) if c > 0])
        folds = int(min(folds, max(2, smallest)))
    splits = []
    for r in range(repeats):
        splitter = (StratifiedKFold if strata is not None and smallest >= 2 else KFold)(folds, shuffle=True, random_state=SEED + r)
        splits += list(splitter.split(np.zeros(len(y)), strata if strata is not None else None))
    return splits


def holdout_split(y, share):
    """One seeded hold-out split (stratified for classes when every class has two rows)."""
    from sklearn.model_selection import ShuffleSplit, StratifiedShuffleSplit

    strata = np.asarray(y).astype(int) if IS_CLASSIFICATION else None
    if strata is not None and np.min(np.bincount(strata)[np.bincount(strata) > 0]) >= 2:
        splitter = StratifiedShuffleSplit(1, test_size=share, random_state=SEED)
    else:
        splitter, strata = ShuffleSplit(1, test_size=share, random_state=SEED), None
    return list(splitter.split(np.zeros(len(y)), strata))


def fit_rows(train_rows, fold):
    """The rows a model is fitted on: all training rows of the fold, or a seeded sample of `max_fit_rows` of them
    when the recipe caps them (big data under a short time limit)."""
    cap = int(RECIPE["validation"].get("max_fit_rows") or 0)
    if cap <= 0 or len(train_rows) <= cap:
        return train_rows
    return np.sort(np.random.default_rng(SEED + fold).choice(train_rows, cap, replace=False))
