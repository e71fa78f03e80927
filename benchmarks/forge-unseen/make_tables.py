"""Builds the unseen-data forge benchmark: public raw tables that Debian ships (R data packages, statsmodels,
scikit-learn), different in kind from ../shared/datasets/raw (multilevel surveys, repeated measures, long-format
choices, counts), with leaks injected and the target a human would choose written next to each.

Usage: /usr/bin/python3 make_tables.py R_EXPORT_DIR OUT_DIR
Writes OUT_DIR/<table>.csv and OUT_DIR/manifest.json:
  {table: {"target": human target, "leaks": {column: how it leaks the target}, "codes": [code/id columns]}}
A leak column must be dropped from the target's task while the task is kept; a code column must never be a
regression target.
"""
import gzip
import json
import os
import sys

import numpy as np
import pandas as pd

R_DIR, OUT = sys.argv[1], sys.argv[2]
SM = "/usr/lib/python3/dist-packages/statsmodels/datasets"
SK = "/usr/lib/python3/dist-packages/sklearn/datasets/data"
rng = np.random.default_rng(19)
os.makedirs(OUT, exist_ok=True)
manifest = {}


def r(name):
    return pd.read_csv(os.path.join(R_DIR, name + ".csv"))


def put(name, df, target, leaks=None, codes=None, note=""):
    df.to_csv(os.path.join(OUT, name + ".csv"), index=False)
    manifest[name] = {"target": target, "leaks": leaks or {}, "codes": codes or [], "note": note}


# Multilevel exam survey (the example): students within schools within local authorities.
df = r("mlmRev__Chem97")
df.insert(4, "score_check", (df["score"] + rng.normal(0, 0.25, len(df))).round(2))
put("mlmRev__Chem97", df, "score", {"score_check": "noisy copy of score (sd 0.25)"}, ["lea", "school", "student"])

df = r("mlmRev__Exam")
bands = pd.qcut(df["normexam"], 25, labels=False, duplicates="drop")
df["exam_band"] = ["band %02d" % (b + 1) for b in bands]
put("mlmRev__Exam", df, "normexam", {"exam_band": "normexam binned into 25 quantile bands"}, ["school", "student"])

df = r("lme4__InstEval")
df["y_text"] = df["y"].map({1: "very poor", 2: "poor", 3: "fair", 4: "good", 5: "excellent"})
put("lme4__InstEval", df, "y", {"y_text": "y relabelled as words"}, ["s", "d", "dept"])

df = r("lme4__sleepstudy")
df["reaction_s"] = (df["Reaction"] / 1000).round(7)
put("lme4__sleepstudy", df, "Reaction", {"reaction_s": "Reaction in seconds"}, ["Subject"])

df = r("carData__Salaries")
df["monthly_pay"] = (df["salary"] / 12).round(0)
put("carData__Salaries", df, "salary", {"monthly_pay": "salary / 12"})

df = r("carData__Wells")
flip = rng.random(len(df)) < 0.01
df.insert(1, "switch_verified", np.where(flip, np.where(df["switch"] == "yes", "no", "yes"), df["switch"]))
put("carData__Wells", df, "switch", {"switch_verified": "switch with 1% of the labels flipped"})

put("carData__Chile", r("carData__Chile"), "vote")
put("nlme__Oxboys", r("nlme__Oxboys"), "height", codes=["Subject"])

df = r("nlme__Milk")
df["protein_lab2"] = (df["protein"] + rng.normal(0, 0.02, len(df))).round(3)
put("nlme__Milk", df, "protein", {"protein_lab2": "a second measurement of protein (noise sd 0.02)"}, ["Cow"])

put("MASS__birthwt", r("MASS__birthwt"), "low", {"bwt": "the birth weight that defines low (< 2500 g)"}, ["race"],
    note="natural leak: low is bwt < 2500")
put("datasets__ChickWeight", r("datasets__ChickWeight"), "weight", codes=["Chick", "Diet"])
put("datasets__quakes", r("datasets__quakes"), "mag")

df = pd.read_csv(os.path.join(SM, "randhie", "randhie.csv"))
df["log_visits"] = np.log1p(df["mdvis"]).round(6)
put("statsmodels__randhie", df, "mdvis", {"log_visits": "log(1 + mdvis)"})

df = pd.read_csv(os.path.join(SM, "modechoice", "modechoice.csv"), sep=";")
put("statsmodels__modechoice", df, "choice", codes=["individual", "mode"])

df = pd.read_csv(os.path.join(SM, "anes96", "anes96.csv"), sep="\t")
df.columns = [c.strip("'") for c in df.columns]
put("statsmodels__anes96", df, "vote")

with gzip.open(os.path.join(SK, "diabetes_data_raw.csv.gz"), "rt") as f:
    x = pd.read_csv(f, sep=" ", header=None)
with gzip.open(os.path.join(SK, "diabetes_target.csv.gz"), "rt") as f:
    y = pd.read_csv(f, header=None)
x.columns = ["AGE", "SEX", "BMI", "BP", "S1", "S2", "S3", "S4", "S5", "S6"]
x["Y"] = y[0]
put("sklearn__diabetes", x, "Y")

with open(os.path.join(OUT, "manifest.json"), "w") as f:
    json.dump(manifest, f, indent=1)
print(f"{len(manifest)} tables in {OUT}")
