
from sklearn.ensemble import ExtraTreesClassifier, ExtraTreesRegressor, RandomForestClassifier, RandomForestRegressor


def fill_for_forest(X_tr, X_other):
    """Forests here cannot take missing values: fill with the training median (missing flags are separate columns)."""
    medians = np.nanmedian(np.where(np.isfinite(X_tr), X_tr, np.nan), axis=0)
    medians = np.where(np.isnan(medians), 0.0, medians)
    return [np.where(np.isnan(X), medians, X) for X in (X_tr, *X_other)]


def fit_forest(params, X_tr, y_tr, X_va, y_va, X_te, info):
    """Random forest or extremely randomised trees (params["kind"]: "rf" or "et")."""
    X_tr, X_va, X_te = fill_for_forest(dense(X_tr), (dense(X_va), dense(X_te)))
    extra = params.get("kind", "rf") == "et"
    trees = budget(params.get("n_estimators", 500))
    settings = dict(
        warm_start=True,  # trees are added in chunks until n_estimators or the fit deadline
        min_samples_leaf=params.get("min_samples_leaf", 1),
        max_features=params.get("max_features", "sqrt" if MODEL_KIND == "classification" else 0.5),
        n_jobs=THREADS,
        random_state=SEED + info["fold"],
    )
    if MODEL_KIND == "regression":
        model = (ExtraTreesRegressor if extra else RandomForestRegressor)(**settings)
        grow(model, "n_estimators", trees, lambda: model.fit(X_tr, y_tr))
        return model.predict(X_va), model.predict(X_te)
    present, y_local = present_classes(y_tr)
    model = (ExtraTreesClassifier if extra else RandomForestClassifier)(class_weight=params.get("class_weight"), **settings)
    grow(model, "n_estimators", trees, lambda: model.fit(X_tr, y_local))
    return expand_proba(model.predict_proba(X_va), present), expand_proba(model.predict_proba(X_te), present)


FIT["forest"] = fit_forest
