
from sklearn.svm import SVC, SVR


def fit_svm(params, X_tr, y_tr, X_va, y_va, X_te, info):
    """RBF support vector machine on the scaled view (small and medium data)."""
    if X_tr.shape[1] <= 2000:
        X_tr, X_va, X_te = dense(X_tr), dense(X_va), dense(X_te)
    if MODEL_KIND == "regression":
        model = SVR(C=params.get("C", 3.0), epsilon=params.get("epsilon", 0.05), gamma=params.get("gamma", "scale"))
        model.fit(X_tr, y_tr)
        return model.predict(X_va), model.predict(X_te)
    present, y_local = present_classes(y_tr)
    calibrated = METRIC in ("log_loss", "roc_auc")
    model = SVC(C=params.get("C", 3.0), gamma=params.get("gamma", "scale"), probability=calibrated,
                class_weight=params.get("class_weight"), random_state=SEED, cache_size=500)
    model.fit(X_tr, y_local)
    if calibrated:
        return expand_proba(model.predict_proba(X_va), present), expand_proba(model.predict_proba(X_te), present)

    def scores(X):  # one-vs-rest votes + confidences turned into pseudo-probabilities
        decision = model.decision_function(X)
        if decision.ndim == 1:
            decision = np.column_stack([-decision, decision])
        return expand_proba(softmax(params.get("sharpness", 3.0) * decision), present)

    return scores(X_va), scores(X_te)


FIT["svm"] = fit_svm
