
from sklearn.linear_model import LassoCV, LogisticRegression, LogisticRegressionCV, Ridge

L1_STRENGTHS = np.logspace(-2.5, 1, 8)  # C of the L1 logistic regression, chosen by an inner cross-validation


def fit_linear(params, X_tr, y_tr, X_va, y_va, X_te, info):
    """Regularised linear model: logistic regression for classes, ridge for numbers (works on sparse TF-IDF).
    With `penalty: l1` a lasso instead (L1 logistic regression, or lasso regression), its strength chosen by a 3-fold
    cross-validation inside the training rows: a sparse model for data where few of many columns carry the signal."""
    lasso = params.get("penalty") == "l1"
    if MODEL_KIND == "regression":
        model = (LassoCV(n_alphas=30, cv=3, max_iter=5000, random_state=SEED) if lasso
                 else Ridge(alpha=params.get("alpha", 1.0), random_state=SEED))
        model.fit(X_tr, y_tr)
        if lasso:
            report_lasso(model.coef_, info, f"alpha={model.alpha_:.4g}")
        return model.predict(X_va), model.predict(X_te)
    present, y_local = present_classes(y_tr)
    if lasso:
        # liblinear's L1 path (one-vs-rest for several classes); the inner folds need 3 rows of every class, else
        # a fixed strength.
        if np.bincount(y_local).min() >= 3:
            model = LogisticRegressionCV(Cs=L1_STRENGTHS, cv=3, penalty="l1", solver="liblinear", scoring="neg_log_loss",
                                         class_weight=params.get("class_weight"), random_state=SEED)
        else:
            model = LogisticRegression(C=params.get("C", 0.1), penalty="l1", solver="liblinear",
                                       class_weight=params.get("class_weight"), random_state=SEED)
        model.fit(X_tr, y_local)
        report_lasso(model.coef_, info, f"C={model.C_[0] if isinstance(model, LogisticRegressionCV) else model.C:.4g}")
        return expand_proba(model.predict_proba(X_va), present), expand_proba(model.predict_proba(X_te), present)
    # liblinear is much faster on wide sparse two-class problems (TF-IDF); lbfgs handles several classes.
    solver = "liblinear" if len(present) == 2 and X_tr.shape[1] > 5000 else "lbfgs"
    model = LogisticRegression(C=params.get("C", 1.0), max_iter=params.get("max_iter", 2000), solver=solver,
                               class_weight=params.get("class_weight"), random_state=SEED)
    model.fit(X_tr, y_local)
    return expand_proba(model.predict_proba(X_va), present), expand_proba(model.predict_proba(X_te), present)


def report_lasso(coef, info, strength):
    """Logs, for the first fold, how many columns the lasso kept."""
    if info.get("fold") == 0:
        coef = np.atleast_2d(coef)  # one row per class for classes, one row for numbers
        log(f"  lasso kept {np.count_nonzero(np.abs(coef).max(axis=0))} of {coef.shape[1]} columns ({strength})")


FIT["linear"] = fit_linear
