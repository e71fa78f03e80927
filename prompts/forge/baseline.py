# AgentML forge: the builtin baseline program used to verify a forged task.
# A plain, robust model: gradient boosting on tabular columns, or TF-IDF + a linear model when the task has
# free-text columns. {{config}} is replaced by the task's settings (JSON) when the program is rendered.
import json
import os
import sys

import numpy as np
import pandas as pd

CONFIG = json.loads(r'''{{config}}''')
SEED = int(os.environ.get("AGENTML_SEED", "0"))
THREADS = int(os.environ.get("AGENTML_THREADS", "1"))
os.environ.setdefault("OMP_NUM_THREADS", str(THREADS))
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")  # spinning OpenMP waits are 20-40x slower on a busy machine

from sklearn.compose import ColumnTransformer  # noqa: E402
from sklearn.ensemble import HistGradientBoostingClassifier, HistGradientBoostingRegressor  # noqa: E402
from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: E402
from sklearn.impute import SimpleImputer  # noqa: E402
from sklearn.linear_model import LogisticRegression, Ridge  # noqa: E402
from sklearn.pipeline import make_pipeline  # noqa: E402
from sklearn.preprocessing import OneHotEncoder, OrdinalEncoder, StandardScaler  # noqa: E402

ID = CONFIG["id_column"]
TARGET = CONFIG["target"]
FORMAT = CONFIG["submission_format"]
METRIC = CONFIG["metric"]
TEXT = [c for c in CONFIG.get("text_columns", [])]
CODES = [c for c in CONFIG.get("code_columns", [])]  # integer codes of groups: categories, not quantities

train = pd.read_csv("input/train.csv", keep_default_na=False, na_values=[""], dtype={TARGET: str, **{c: str for c in CODES}})
test = pd.read_csv("input/test.csv", keep_default_na=False, na_values=[""], dtype={c: str for c in CODES})
features = [c for c in test.columns if c != ID]
text = [c for c in TEXT if c in features]
numeric = [c for c in features if c not in text and pd.api.types.is_numeric_dtype(train[c])]
categorical = [c for c in features if c not in text and c not in numeric]
print(f"baseline: {len(train)} train rows, {len(numeric)} numeric, {len(categorical)} categorical, {len(text)} text columns")

classification = FORMAT != "value"
y_raw = train[TARGET].astype(str)
if classification:
    y = y_raw.values
else:
    y = y_raw.astype(float).values
    if METRIC == "rmsle":
        y = np.log1p(np.clip(y, 0, None))


def text_model():
    parts = [(f"text_{i}", TfidfVectorizer(max_features=20000, sublinear_tf=True, min_df=2, dtype=np.float32), c)
             for i, c in enumerate(text)]
    if categorical:
        parts.append(("cat", make_pipeline(SimpleImputer(strategy="constant", fill_value="missing"),
                                           OneHotEncoder(handle_unknown="ignore", min_frequency=5)), categorical))
    if numeric:
        parts.append(("num", make_pipeline(SimpleImputer(strategy="median"), StandardScaler()), numeric))
    pre = ColumnTransformer(parts)
    model = LogisticRegression(C=4.0, max_iter=2000) if classification else Ridge(alpha=1.0)
    return make_pipeline(pre, model)


def tabular_model():
    # Gradient boosting reads up to 250 categories natively; larger code sets are ordinal numbers.
    few = [c for c in categorical if train[c].nunique() <= 250]
    many = [c for c in categorical if c not in few]
    encoder = dict(handle_unknown="use_encoded_value", unknown_value=np.nan, encoded_missing_value=np.nan)
    pre = ColumnTransformer(
        [("cat", OrdinalEncoder(**encoder), few),
         ("codes", OrdinalEncoder(**encoder), many),
         ("num", "passthrough", numeric)])
    mask = [True] * len(few) + [False] * (len(many) + len(numeric))
    common = dict(max_iter=300, learning_rate=0.08, early_stopping=True, validation_fraction=0.15,
                  n_iter_no_change=20, random_state=SEED, categorical_features=mask if any(mask) else None)
    model = HistGradientBoostingClassifier(**common) if classification else HistGradientBoostingRegressor(**common)
    return make_pipeline(pre, model)


for c in text:
    train[c] = train[c].fillna("").astype(str)
    test[c] = test[c].fillna("").astype(str)
for c in categorical:
    train[c] = train[c].astype(str).where(train[c].notna(), np.nan)
    test[c] = test[c].astype(str).where(test[c].notna(), np.nan)

model = text_model() if text else tabular_model()
model.fit(train[features], y)
out = pd.DataFrame({ID: test[ID]})
if FORMAT == "probability":
    proba = model.predict_proba(test[features])
    classes = [str(c) for c in model.classes_]
    out[TARGET] = proba[:, classes.index(str(CONFIG["positive_label"]))]
elif FORMAT == "class_probabilities":
    proba = model.predict_proba(test[features])
    classes = [str(c) for c in model.classes_]
    for label in CONFIG["classes"]:
        out[label] = proba[:, classes.index(label)] if label in classes else 0.0
elif FORMAT == "label":
    out[TARGET] = model.predict(test[features])
else:
    prediction = model.predict(test[features])
    if METRIC == "rmsle":
        prediction = np.clip(np.expm1(prediction), 0, None)
    out[TARGET] = prediction

os.makedirs("submission", exist_ok=True)
out.to_csv("submission/submission.csv", index=False)
print(f"baseline: wrote {len(out)} predictions", file=sys.stderr)
