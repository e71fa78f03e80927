
from sklearn.neighbors import KNeighborsClassifier, KNeighborsRegressor


def fit_knn(params, X_tr, y_tr, X_va, y_va, X_te, info):
    """Distance-weighted k nearest neighbours on the scaled view."""
    X_tr, X_va, X_te = dense(X_tr), dense(X_va), dense(X_te)
    settings = dict(n_neighbors=params.get("n_neighbors", 7), weights="distance", n_jobs=THREADS)
    if MODEL_KIND == "regression":
        model = KNeighborsRegressor(**settings).fit(X_tr, y_tr)
        return model.predict(X_va), model.predict(X_te)
    present, y_local = present_classes(y_tr)
    model = KNeighborsClassifier(**settings).fit(X_tr, y_local)
    return expand_proba(model.predict_proba(X_va), present), expand_proba(model.predict_proba(X_te), present)


FIT["knn"] = fit_knn
