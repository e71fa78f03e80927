
# %% 5. Models. Each returns predictions for the validation rows and the test rows, in model space:
# class probabilities (n, classes) for classification, the transformed target for regression.
SPEED = float(np.clip(TIME_LIMIT_S / 300.0, 0.5, 1.0))  # fewer trees / iterations under a short time limit


def budget(n):
    return max(10, int(n * SPEED))


# Wall-clock time by which the current fit must end (set by the training loop before every fit). Iterative models
# stop growing there and keep the trees they have, so that a slow fold yields a weaker model instead of no model.
FIT_DEADLINE = [float("inf")]


def fit_seconds_left():
    return FIT_DEADLINE[0] - time.time()


def grow(model, attribute, total, fit, stopped=lambda model: False):
    """Fits a warm-startable model in growing chunks of `attribute` (boosting rounds or trees) until `total`, its own
    early stopping (`stopped`) or the fit deadline; each chunk is sized from the measured time per unit."""
    total = max(1, int(total))
    step = min(total, 3)  # a small first chunk measures the speed cheaply (the chunks then at most double)
    setattr(model, attribute, step)
    while True:
        started = time.time()
        fit()
        done = getattr(model, attribute)
        if done >= total or stopped(model):
            return model
        per_unit = (time.time() - started) / max(1, step)
        # At most half the fit time left per chunk: the chunks close in on the deadline, and a slower chunk (a loaded
        # machine varies) still ends before it.
        affordable = int(0.5 * fit_seconds_left() / max(per_unit, 1e-6))
        if affordable < 1:
            log(f"  {type(model).__name__}: fit deadline reached after {done} of {total} {attribute}")
            return model
        step = int(min(total - done, affordable, max(done, 2)))
        setattr(model, attribute, done + step)



def round_speedup():
    """Boosting fits one tree per class per round: with many classes, take fewer and larger steps."""
    return 3.0 if N_CLASSES > 10 else 1.5 if N_CLASSES > 4 else 1.0


def present_classes(y):
    """Models only see the classes present in a fold; map them back to all classes afterwards."""
    present = np.unique(y)
    return present, np.searchsorted(present, y)


def pad_rare_classes(X, y, weights=None):
    """Repeats the rows of classes with a single member in the fold, so that the stratified inner split of early
    stopping ("The least populated class in y has only 1 member") always has two of each class."""
    counts = np.bincount(y)
    rare = np.where(counts[y] < 2)[0]
    if len(rare) == 0:
        return X, y, weights
    stack = sparse.vstack if sparse.issparse(X) else np.vstack
    X = stack([X, X[rare]])
    X = X.tocsr() if sparse.issparse(X) else X
    weights = None if weights is None else np.concatenate([weights, weights[rare]])
    return X, np.concatenate([y, y[rare]]), weights


def expand_proba(proba, present):
    full = np.zeros((proba.shape[0], N_CLASSES))
    full[:, present] = proba
    return full


def class_weights(y, mode):
    if mode != "balanced":
        return None
    counts = np.bincount(y, minlength=N_CLASSES).astype(float)
    weights = len(y) / (N_CLASSES * np.maximum(counts, 1))
    return weights[y]


def dense(matrix):
    return matrix.toarray() if sparse.issparse(matrix) else matrix


def softmax(scores):
    scores = scores - scores.max(axis=1, keepdims=True)
    exp = np.exp(scores)
    return exp / exp.sum(axis=1, keepdims=True)


FIT = {}
