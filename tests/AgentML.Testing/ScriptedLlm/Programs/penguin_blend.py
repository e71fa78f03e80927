# Scripted LLM program (merge): the average of logistic regression and random forest probabilities.
import json
import os

import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import RandomForestClassifier
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss
from sklearn.model_selection import StratifiedKFold
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

SEED = int(os.environ.get("AGENTML_SEED", "0"))
THREADS = int(os.environ.get("AGENTML_THREADS", "1"))
train = pd.read_csv("input/train.csv")
test = pd.read_csv("input/test.csv")
categorical = ["island", "sex"]
numeric = ["bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g"]


def prep(scale):
    num = make_pipeline(SimpleImputer(strategy="median"), StandardScaler()) if scale else SimpleImputer(strategy="median")
    return ColumnTransformer([
        ("cat", make_pipeline(SimpleImputer(strategy="most_frequent"), OneHotEncoder(handle_unknown="ignore")), categorical),
        ("num", num, numeric),
    ])


def fit_predict(X_fit, y_fit, X_pred):
    lr = make_pipeline(prep(True), LogisticRegression(max_iter=2000)).fit(X_fit, y_fit)
    rf = make_pipeline(prep(False), RandomForestClassifier(n_estimators=100, min_samples_leaf=2, random_state=SEED, n_jobs=THREADS)).fit(X_fit, y_fit)
    proba = np.clip((lr.predict_proba(X_pred) + rf.predict_proba(X_pred)) / 2, 1e-6, 1)
    return lr.classes_, proba / proba.sum(axis=1, keepdims=True)


X, y = train[categorical + numeric], train["species"]
folds = StratifiedKFold(n_splits=3, shuffle=True, random_state=SEED)
for step, (a, b) in enumerate(folds.split(X, y)):
    classes, proba = fit_predict(X.iloc[a], y.iloc[a], X.iloc[b])
    print("AGENTML_METRIC " + json.dumps({"name": "log_loss", "step": step, "value": float(log_loss(y.iloc[b], proba, labels=classes))}), flush=True)

classes, proba = fit_predict(X, y, test[categorical + numeric])
os.makedirs("submission", exist_ok=True)
out = pd.DataFrame(proba, columns=classes)
out.insert(0, "id", test["id"].values)
out[["id", "Adelie", "Chinstrap", "Gentoo"]].to_csv("submission/submission.csv", index=False)
