# Scripted LLM program (buggy draft): reads a label column that does not exist.
import json
import os

import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss
from sklearn.model_selection import StratifiedKFold
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

SEED = int(os.environ.get("AGENTML_SEED", "0"))
train = pd.read_csv("input/train.csv")
test = pd.read_csv("input/test.csv")
target = "species_name"
categorical = ["island", "sex"]
numeric = ["bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g"]


def model():
    prep = ColumnTransformer([
        ("cat", make_pipeline(SimpleImputer(strategy="most_frequent"), OneHotEncoder(handle_unknown="ignore")), categorical),
        ("num", make_pipeline(SimpleImputer(strategy="median"), StandardScaler()), numeric),
    ])
    return make_pipeline(prep, LogisticRegression(C=1.0, max_iter=2000))


X, y = train[categorical + numeric], train[target]
folds = StratifiedKFold(n_splits=3, shuffle=True, random_state=SEED)
for step, (a, b) in enumerate(folds.split(X, y)):
    m = model().fit(X.iloc[a], y.iloc[a])
    value = log_loss(y.iloc[b], m.predict_proba(X.iloc[b]), labels=m.classes_)
    print("AGENTML_METRIC " + json.dumps({"name": "log_loss", "step": step, "value": float(value)}), flush=True)

m = model().fit(X, y)
proba = np.clip(m.predict_proba(test[categorical + numeric]), 1e-6, 1)
proba = proba / proba.sum(axis=1, keepdims=True)
os.makedirs("submission", exist_ok=True)
out = pd.DataFrame(proba, columns=m.classes_)
out.insert(0, "id", test["id"].values)
out[["id", "Adelie", "Chinstrap", "Gentoo"]].to_csv("submission/submission.csv", index=False)
