# Scripted LLM program: random forest with imputed measurements and one-hot categoricals.
import json
import os

import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import RandomForestClassifier
from sklearn.impute import SimpleImputer
from sklearn.metrics import log_loss
from sklearn.model_selection import StratifiedKFold
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder

SEED = int(os.environ.get("AGENTML_SEED", "0"))
THREADS = int(os.environ.get("AGENTML_THREADS", "1"))
train = pd.read_csv("input/train.csv")
test = pd.read_csv("input/test.csv")
categorical = ["island", "sex"]
numeric = ["bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g"]


def model():
    prep = ColumnTransformer([
        ("cat", make_pipeline(SimpleImputer(strategy="most_frequent"), OneHotEncoder(handle_unknown="ignore")), categorical),
        ("num", SimpleImputer(strategy="median"), numeric),
    ])
    return make_pipeline(prep, RandomForestClassifier(n_estimators=100, min_samples_leaf=2, random_state=SEED, n_jobs=THREADS))


X, y = train[categorical + numeric], train["species"]
folds = StratifiedKFold(n_splits=3, shuffle=True, random_state=SEED)
for step, (a, b) in enumerate(folds.split(X, y)):
    m = model().fit(X.iloc[a], y.iloc[a])
    value = log_loss(y.iloc[b], np.clip(m.predict_proba(X.iloc[b]), 1e-6, 1), labels=m.classes_)
    print("AGENTML_METRIC " + json.dumps({"name": "log_loss", "step": step, "value": float(value)}), flush=True)

m = model().fit(X, y)
proba = np.clip(m.predict_proba(test[categorical + numeric]), 1e-6, 1)
proba = proba / proba.sum(axis=1, keepdims=True)
os.makedirs("submission", exist_ok=True)
out = pd.DataFrame(proba, columns=m.classes_)
out.insert(0, "id", test["id"].values)
out[["id", "Adelie", "Chinstrap", "Gentoo"]].to_csv("submission/submission.csv", index=False)
