# Reads the input, reports two metric lines and writes a submission (contract: success with a submission file).
import json
import os

import pandas as pd

train = pd.read_csv("input/train.csv")
test = pd.read_csv("input/test.csv")
for step, value in enumerate([0.5, 0.8]):
    print("AGENTML_METRIC " + json.dumps({"name": "accuracy", "step": step, "value": value}))
print("rows", len(train), "threads", os.environ["OMP_NUM_THREADS"], "seed", os.environ["AGENTML_SEED"],
      "omp wait", os.environ.get("OMP_WAIT_POLICY"))
pd.DataFrame({"id": test.iloc[:, 0], "value": 1}).to_csv("submission/submission.csv", index=False)
print("done")
