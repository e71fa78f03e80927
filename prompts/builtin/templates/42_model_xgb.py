
import xgboost as xgb


class StopAtFitDeadline(xgb.callback.TrainingCallback):
    """Ends boosting at the fit deadline; the rounds so far (up to the best one) are kept."""

    def after_iteration(self, model, epoch, evals_log):
        return time.time() > FIT_DEADLINE[0]


def fit_xgb(params, X_tr, y_tr, X_va, y_va, X_te, info):
    """XGBoost (hist) with early stopping on the validation fold."""
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
    if MODEL_KIND == "regression":
        model = xgb.XGBRegressor(objective=params.get("objective", "reg:squarederror"), **settings)
        model.fit(X_tr, y_tr, eval_set=[(X_va, y_va)], verbose=False)
        return model.predict(X_va), model.predict(X_te)
    present, y_local = present_classes(y_tr)
    keep = np.isin(y_va, present)
    y_va_local = np.searchsorted(present, y_va[keep])
    model = xgb.XGBClassifier(**settings)
    model.fit(X_tr, y_local, sample_weight=class_weights(y_tr, params.get("class_weight")),
              eval_set=[(X_va[keep], y_va_local)], verbose=False)
    return expand_proba(model.predict_proba(X_va), present), expand_proba(model.predict_proba(X_te), present)


FIT["xgb"] = fit_xgb
