
# %% 7. Cross-validation: every member is fitted on each fold; out-of-fold predictions feed the blend
# Cheapest members first: if the time budget ends inside the first fold, the members that finished are kept.
MODEL_COST = {"linear": 0, "knn": 1, "hgb": 2, "xgb": 3, "forest": 4, "svm": 5}
MEMBERS = sorted(RECIPE["members"], key=lambda m: MODEL_COST.get(m["model"], 9))
VIEW_BUILDERS = {"tree": lambda: build_tree_view(), "linear": lambda: build_linear_view()}
VIEWS = {}


def view(name):
    """Feature matrices are built once (train rows first, then test rows)."""
    if name not in VIEWS:
        built = VIEW_BUILDERS[name]()
        if name == "tree":
            matrix, columns, mask, high_cardinality = built
            VIEWS[name] = dict(X=matrix, categorical_mask=mask, target_encode=high_cardinality)
        else:
            VIEWS[name] = dict(X=built, categorical_mask=np.zeros(built.shape[1], bool), target_encode=[])
    return VIEWS[name]


def target_matrix(y_model):
    if MODEL_KIND == "regression":
        return np.asarray(y_model, float)[:, None]
    if N_CLASSES == 2:
        return (y_model == 1).astype(float)[:, None]
    return np.eye(N_CLASSES)[y_model][:, :10]


def fold_matrices(member, train_rows, valid_rows, y_model, fold):
    data = view(member["view"])
    X = data["X"]
    test_rows = np.arange(N_TRAIN, X.shape[0])
    parts = [X[train_rows], X[valid_rows], X[test_rows]]
    mask = data["categorical_mask"]
    if FEATURE_OPTIONS.get("target_encoding") and data["target_encode"]:
        fitted, applied = target_encoding(data["target_encode"], train_rows, np.concatenate([valid_rows, test_rows]),
                                          target_matrix(y_model))
        applied_valid, applied_test = applied[:len(valid_rows)], applied[len(valid_rows):]
        stack = sparse.hstack if sparse.issparse(X) else np.hstack
        parts = [stack([p, extra]) for p, extra in zip(parts, (fitted, applied_valid, applied_test))]
        parts = [p.tocsr() if sparse.issparse(p) else p for p in parts]
        mask = np.concatenate([mask, np.zeros(fitted.shape[1], bool)])
    return parts, dict(categorical_mask=mask, fold=fold)


def tune(member, splits, y_model):
    """Small search before the main loop: each candidate value of one parameter is scored on the first
    `search_folds` folds (all folds for small data) and the best one is kept."""
    search = member.get("search") or {}
    if not search:
        return
    name, candidates = next(iter(search.items()))
    n_folds = min(len(splits), RECIPE["validation"].get("search_folds", 1))
    search_start = time.time()
    best = None
    for value in candidates:
        if best is not None and time_left() < 0.75 * BUDGET_S:
            log(f"  search {member['name']}: out of time, keeping {name}={best[0]}")
            break
        params = dict(member.get("params", {}), **{name: value})
        scores = []
        for fold, (train_rows, valid_rows) in enumerate(splits[:n_folds]):
            train_rows = fit_rows(train_rows, fold)
            parts, info = fold_matrices(member, train_rows, valid_rows, y_model, fold)
            FIT_DEADLINE[0] = time.time() + max(1.0, 0.25 * time_left())
            p_va, _ = FIT[member["model"]](params, parts[0], y_model[train_rows], parts[1], y_model[valid_rows],
                                           parts[2][:1], info)
            scores.append(score(Y[valid_rows], p_va))
            if best is None and time.time() - search_start > 0.1 * BUDGET_S:
                n_folds = len(scores)  # slow model: score the other candidates on as many folds as this one got
                break
        value_score = float(np.mean(scores))
        log(f"  search {member['name']}: {name}={value} -> {value_score:.5f} ({len(scores)} folds)")
        if best is None or better(value_score, best[1]):
            best = (value, value_score)
    member.setdefault("params", {})[name] = best[0]
    member["search"] = {}
    log(f"  search {member['name']}: chose {name}={best[0]}")


class OutOfTime(Exception):
    pass


def on_deadline(signum, frame):
    raise OutOfTime()


def run_cross_validation(y_model):
    """Fits every member on every fold (until the time budget says stop); returns the members' OOF predictions of the
    covered rows, their averaged test predictions, the mask of covered rows and the fold of each covered row."""
    splits = make_splits(Y)
    for member in MEMBERS:
        tune(member, splits, y_model)
    shape = (lambda n: (n, N_CLASSES)) if MODEL_KIND == "classification" else (lambda n: (n,))
    n_test = len(test)
    oof = [np.zeros(shape(N_TRAIN)) for _ in MEMBERS]
    seen = np.zeros(N_TRAIN)
    row_fold = np.full(N_TRAIN, -1)
    test_sum = [np.zeros(shape(n_test)) for _ in MEMBERS]
    folds_done = 0
    # A hard deadline: a fit still running when the budget ends is interrupted, and the folds done so far are used.
    # Fits aim at their own deadlines inside the budget; the alarm also takes part of the reserve kept for blending
    # and writing (which take a second or two), so a fit that overshoots a little still counts.
    signal.signal(signal.SIGALRM, on_deadline)
    signal.alarm(max(1, int(time_left() + 0.4 * max(0.0, TIME_LIMIT_S - BUDGET_S - RESERVE_S))))
    try:
        for fold, (train_rows, valid_rows) in enumerate(splits):
            fold_start = time.time()
            fold_preds, fold_tests = [], []
            train_rows = fit_rows(train_rows, fold)
            for m, member in enumerate(MEMBERS):
                # Each fit gets its share of the time left: the first fold may use most of it (one well-fitted fold
                # beats several starved ones); later folds are only started when they fit (see below).
                parts, info = fold_matrices(member, train_rows, valid_rows, y_model, fold)
                share = (0.8 if fold == 0 else 0.9) / (len(MEMBERS) - m)
                FIT_DEADLINE[0] = time.time() + max(0.5, share * time_left())
                p_va, p_te = FIT[member["model"]](member.get("params", {}), parts[0], y_model[train_rows], parts[1],
                                                  y_model[valid_rows], parts[2], info)
                fold_preds.append(p_va)
                fold_tests.append(p_te)
            for m in range(len(MEMBERS)):  # only complete folds count
                oof[m][valid_rows] += fold_preds[m]
                test_sum[m] += fold_tests[m]
            seen[valid_rows] += 1
            row_fold[valid_rows] = fold
            folds_done += 1
            fold_score = score(Y[valid_rows], np.mean(fold_preds, axis=0))
            print("AGENTML_METRIC " + json.dumps({"name": METRIC, "step": fold, "value": round(fold_score, 6)}), flush=True)
            fold_seconds = time.time() - fold_start
            log(f"fold {fold + 1}/{len(splits)}: {METRIC} {fold_score:.5f} ({fold_seconds:.1f}s)")
            if fold + 1 < len(splits) and time_left() < 1.2 * fold_seconds:
                log(f"stopping after {folds_done} folds to stay inside the time limit")
                break
    except OutOfTime:
        log(f"time budget reached during fold {folds_done + 1}; using the {folds_done} completed folds")
        if folds_done == 0 and fold_preds:
            # Not even one fold finished: keep the members that did finish on it.
            finished = len(fold_preds)
            log(f"keeping the {finished} member(s) that finished the first fold: {', '.join(m['name'] for m in MEMBERS[:finished])}")
            del MEMBERS[finished:], oof[finished:], test_sum[finished:]
            for m in range(finished):
                oof[m][valid_rows] += fold_preds[m]
                test_sum[m] += fold_tests[m]
            seen[valid_rows] += 1
            row_fold[valid_rows] = 0
            folds_done = 1
        if folds_done == 0:
            raise RuntimeError("timeout: the first cross-validation fold did not finish inside the time limit") from None
    finally:
        signal.alarm(0)
        FIT_DEADLINE[0] = float("inf")
    covered = seen > 0
    oof = [o[covered] / seen[covered].reshape((-1,) + (1,) * (o.ndim - 1)) for o in oof]
    tests = [t / folds_done for t in test_sum]
    return oof, tests, covered, row_fold[covered]
