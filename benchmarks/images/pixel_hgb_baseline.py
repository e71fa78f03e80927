#!/usr/bin/python3
"""The baseline a user would try first on an image task: raw pixels -> HistGradientBoosting (defaults), one fit.

    /usr/bin/python3 benchmarks/images/pixel_hgb_baseline.py TASK [--threads 1] [--out submission.csv]

TASK is a task made by make_fashion_mnist.py (prepared/public with train.csv, train/, test/, sample_submission.csv).
Reads every image as grey pixels at its native size, fits sklearn's HistGradientBoostingClassifier with default
settings on all train rows and writes the test predictions in the sample submission's format. Prints the fit time.
"""
import argparse
import os
import sys
import time

parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
parser.add_argument("task")
parser.add_argument("--threads", type=int, default=1)
parser.add_argument("--out", default="submission.csv")
args = parser.parse_args()
for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
    os.environ[var] = str(args.threads)

import numpy as np
import pandas as pd
from PIL import Image
from sklearn.ensemble import HistGradientBoostingClassifier

start = time.time()
public = os.path.join(args.task, "prepared", "public")
train = pd.read_csv(os.path.join(public, "train.csv"), dtype=str)
sample = pd.read_csv(os.path.join(public, "sample_submission.csv"), dtype=str)


def pixels(folder, ids):
    return np.stack([np.asarray(Image.open(os.path.join(public, folder, i + ".png")).convert("L"), dtype=np.float32).ravel() for i in ids])


x_train, x_test = pixels("train", train["id"]), pixels("test", sample["id"])
model = HistGradientBoostingClassifier(random_state=0).fit(x_train, train["label"])
pd.DataFrame({"id": sample["id"], "label": model.predict(x_test)}).to_csv(args.out, index=False)
print(f"pixel HGB: {x_train.shape[0]} train images, {x_train.shape[1]} pixels, {model.n_iter_} iterations, {time.time() - start:.0f}s", file=sys.stderr)
