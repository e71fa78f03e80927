
from sklearn.linear_model import LogisticRegression, Ridge


def fit_linear(params, X_tr, y_tr, X_va, y_va, X_te, info):
    """Regularised linear model: logistic regression for classes, ridge for numbers (works on sparse TF-IDF)."""
    if MODEL_KIND == "regression":
        model = Ridge(alpha=params.get("alpha", 1.0), random_state=SEED)
        model.fit(X_tr, y_tr)
        return model.predict(X_va), model.predict(X_te)
    present, y_local = present_classes(y_tr)
    # liblinear is much faster on wide sparse two-class problems (TF-IDF); lbfgs handles several classes.
    solver = "liblinear" if len(present) == 2 and X_tr.shape[1] > 5000 else "lbfgs"
    model = LogisticRegression(C=params.get("C", 1.0), max_iter=params.get("max_iter", 2000), solver=solver,
                               class_weight=params.get("class_weight"), random_state=SEED)
    model.fit(X_tr, y_local)
    return expand_proba(model.predict_proba(X_va), present), expand_proba(model.predict_proba(X_te), present)


FIT["linear"] = fit_linear
