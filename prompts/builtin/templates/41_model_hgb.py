
from sklearn.ensemble import HistGradientBoostingClassifier, HistGradientBoostingRegressor


def hgb_stopped(model):
    """Early stopping ended the fit before the rounds it was given."""
    return model.n_iter_ < model.max_iter


def fit_hgb(params, X_tr, y_tr, X_va, y_va, X_te, info):
    """Histogram gradient boosting with native categorical splits and early stopping on an inner 10% split."""
    rounds = budget(params.get("max_iter", 1500) / ROUND_SPEEDUP)
    settings = dict(
        learning_rate=params.get("learning_rate", 0.05) * ROUND_SPEEDUP,
        warm_start=True,  # grown in chunks until early stopping, `rounds` or the fit deadline
        max_leaf_nodes=params.get("max_leaf_nodes", 31),
        min_samples_leaf=params.get("min_samples_leaf", 20),
        l2_regularization=params.get("l2_regularization", 0.1),
        max_bins=255,
        categorical_features=info["categorical_mask"] if info["categorical_mask"].any() else None,
        early_stopping=True,
        validation_fraction=params.get("validation_fraction", 0.1),
        n_iter_no_change=params.get("n_iter_no_change", 50),
        random_state=SEED + info["fold"],
    )
    if MODEL_KIND == "regression":
        model = HistGradientBoostingRegressor(loss=params.get("loss", "squared_error"), **settings)
        grow(model, "max_iter", rounds, lambda: model.fit(X_tr, y_tr), hgb_stopped)
        return model.predict(X_va), model.predict(X_te)
    present, y_local = present_classes(y_tr)
    model = HistGradientBoostingClassifier(**settings)
    weights = class_weights(y_tr, params.get("class_weight"))
    X_fit, y_fit, w_fit = pad_rare_classes(X_tr, y_local, weights)
    grow(model, "max_iter", rounds, lambda: model.fit(X_fit, y_fit, sample_weight=w_fit), hgb_stopped)
    return expand_proba(model.predict_proba(X_va), present), expand_proba(model.predict_proba(X_te), present)


FIT["hgb"] = fit_hgb
