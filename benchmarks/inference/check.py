"""Checks `agentml inspect --json` on each variation folder against its expected.json, then grades the private
answers as a submission (must be valid with the metric's perfect score).

Usage: /usr/bin/python3 check.py "<agentml command>" <variations-folder> [variation ...]
Prints one line per variation: ok, or the fields that differ / the error; exits 1 when one fails.
"""

import json
import os
import shlex
import subprocess
import sys

AGENTML, ROOT = shlex.split(sys.argv[1]), sys.argv[2]
WANTED = set(sys.argv[3:])
PERFECT = {"log_loss": 0.0, "rmse": 0.0, "rmsle": 0.0, "mae": 0.0}


def run(*args):
    done = subprocess.run(AGENTML + list(args), capture_output=True, text=True)
    return done.returncode, done.stdout, (done.stderr or done.stdout).strip().splitlines()[-1:] or [""]


def check(folder):
    with open(os.path.join(folder, "expected.json")) as handle:
        expected = json.load(handle)
    code, out, err = run("inspect", folder, "--json")
    if code != 0:
        return [f"inspect failed: {err[0]}"]
    task = json.loads(out)["task"]
    problems = [f"{k}: {task.get(k)!r} != {v!r}" for k, v in expected.items() if task.get(k) != v]
    code, out, err = run("grade", folder, os.path.join(folder, "private", "answers.csv"))
    report = json.loads(out) if code == 0 else {}
    perfect = PERFECT.get(expected["metric"], 1.0)
    if code != 0 or report.get("score") is None or abs(report["score"] - perfect) > 1e-6:
        problems.append(f"answers graded {report.get('score')} (expected {perfect}): {report.get('invalid_reason') or err[0]}")
    return problems


failed = 0
for name in sorted(os.listdir(ROOT)):
    if WANTED and name not in WANTED or not os.path.isfile(os.path.join(ROOT, name, "expected.json")):
        continue
    problems = check(os.path.join(ROOT, name))
    failed += bool(problems)
    print(f"{name:34s} {'ok' if not problems else 'FAIL: ' + '; '.join(problems)}", flush=True)
print(f"{failed} failed")
sys.exit(1 if failed else 0)
