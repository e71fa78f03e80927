
import xgboost as xgb


class StopAtFitDeadline(xgb.callback.TrainingCallback):
    """Ends boosting at the fit deadline; the rounds so far (up to the best one) are kept."""

    def after_iteration(self, model, epoch, evals_log):
        return time.time() > FIT_DEADLINE[0]


def early_stopping_rows(y, share, fold, stratify):
    """An inner split of a fit's rows: boosting stops on the held-out part, never on the validation fold, so the
    out-of-fold predictions the search scores and ensembles did not choose their own number of rounds."""
    from sklearn.model_selection import ShuffleSplit, StratifiedShuffleSplit

    n_hold = int(round(share * len(y)))
    if n_hold < 1 or len(y) - n_hold < 2:
        rows = np.arange(len(y))
        return rows, rows
    strata = y if stratify and np.bincount(y).min(initial=2) >= 2 else None
    if strata is not None and n_hold < len(np.unique(strata)):
        strata = None  # fewer held-out rows than classes: a plain random split
    splitter = (StratifiedShuffleSplit if strata is not None else ShuffleSplit)(1, test_size=n_hold, random_state=SEED + 97 * fold)
    return next(splitter.split(np.zeros(len(y)), strata))


def fit_xgb(params, X_tr, y_tr, X_va, y_va, X_te, info):
    """XGBoost (hist) with early stopping on an inner split of the fit's rows (10%)."""
    settings = dict(
        n_estimators=budget(params.get("n_estimators", 2000) / ROUND_SPEEDUP),
        learning_rate=params.get("learning_rate", 0.05) * ROUND_SPEEDUP,
        max_depth=params.get("max_depth", 6),
        min_child_weight=params.get("min_child_weight", 1.0),
        subsample=params.get("subsample", 0.8),
        colsample_bytree=params.get("colsample_bytree", 0.8),
        reg_lambda=params.get("reg_lambda", 1.0),
        reg_alpha=params.get("reg_alpha", 0.0),
        tree_method="hist",
        max_bin=params.get("max_bin", 256),
        early_stopping_rounds=params.get("early_stopping_rounds", 100),
        n_jobs=THREADS,
        random_state=SEED + info["fold"],
        verbosity=0,
        callbacks=[StopAtFitDeadline()],
    )
    share = params.get("validation_fraction", 0.1)
    if MODEL_KIND == "regression":
        fit, hold = early_stopping_rows(y_tr, share, info["fold"], stratify=False)
        model = xgb.XGBRegressor(objective=params.get("objective", "reg:squarederror"), **settings)
        model.fit(X_tr[fit], y_tr[fit], eval_set=[(X_tr[hold], y_tr[hold])], verbose=False)
        return model.predict(X_va), model.predict(X_te)
    present, y_local = present_classes(y_tr)
    X_pad, y_pad, w_pad = pad_rare_classes(X_tr, y_local, class_weights(y_tr, params.get("class_weight")))
    fit, hold = early_stopping_rows(y_pad, share, info["fold"], stratify=True)
    missing = np.setdiff1d(np.arange(len(present)), y_pad[fit])
    if len(missing):  # a class only in the held-out rows: fit on every row (its rows also end boosting)
        fit = np.arange(len(y_pad))
    model = xgb.XGBClassifier(**settings)
    model.fit(X_pad[fit], y_pad[fit], sample_weight=None if w_pad is None else w_pad[fit],
              eval_set=[(X_pad[hold], y_pad[hold])], verbose=False)
    return expand_proba(model.predict_proba(X_va), present), expand_proba(model.predict_proba(X_te), present)


FIT["xgb"] = fit_xgb
