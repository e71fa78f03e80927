"""The tiny program `agentml sandbox check` runs in each back end: reads input/, prints versions and two
metric lines, writes submission/submission.csv."""
import json
import os
import sys

import numpy
import sklearn

rows = sorted(os.listdir("input"))
print("python", sys.version.split()[0], "sklearn", sklearn.__version__, "numpy", numpy.__version__)
print("user", os.getuid(), "cwd", os.getcwd(), "input", rows, "threads", os.environ.get("OMP_NUM_THREADS"))
host_file = os.environ.get("AGENTML_CHECK_HOST_FILE")
if host_file:
    print("host file outside the job:", "VISIBLE" if os.path.exists(host_file) else "hidden")
for step, value in enumerate([0.5, 0.75]):
    print("AGENTML_METRIC " + json.dumps({"name": "check", "step": step, "value": value}), flush=True)
with open(os.path.join("submission", "submission.csv"), "w", encoding="utf-8") as out:
    out.write("id,value\n1,0.75\n")
print("ok")
