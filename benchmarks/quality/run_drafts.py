"""Development harness: runs rendered builtin drafts (from RenderDrafts) on a task and scores them.

Usage: /usr/bin/python3 run_drafts.py <task> <drafts-folder> [time_limit_s=90] [threads=1]
Each draft folder holds solution.py; it runs in a sandbox-like folder (input/ symlinks, working/, submission/)."""
import os
import subprocess
import sys
import time

from score import grade

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
TASKS = os.path.abspath(os.path.join(ROOT, "..", "shared", "tasks"))


def run_one(task, folder, limit, threads):
    for sub in ("input", "working", "submission"):
        os.makedirs(os.path.join(folder, sub), exist_ok=True)
    for name in ("train.csv", "test.csv", "sample_submission.csv"):
        link = os.path.join(folder, "input", name)
        if not os.path.exists(link):
            os.symlink(os.path.join(TASKS, task, "public", name), link)
    env = dict(os.environ, AGENTML_THREADS=str(threads), AGENTML_SEED="0", AGENTML_TIME_LIMIT_S=str(limit))
    start = time.time()
    try:
        proc = subprocess.run(["/usr/bin/python3", "solution.py"], cwd=folder, env=env, capture_output=True, text=True,
                              timeout=limit + 30)
        out, code = proc.stdout + proc.stderr, proc.returncode
    except subprocess.TimeoutExpired:
        out, code = "timeout", -1
    seconds = time.time() - start
    with open(os.path.join(folder, "output.log"), "w") as fh:
        fh.write(out)
    if code != 0:
        return None, seconds, out[-1500:]
    cv = [l for l in out.splitlines() if "of the final model" in l]
    return grade(os.path.join(TASKS, task), os.path.join(folder, "submission", "submission.csv"))[1], seconds, (cv or [""])[-1]


if __name__ == "__main__":
    task, drafts = sys.argv[1], sys.argv[2]
    limit = int(sys.argv[3]) if len(sys.argv) > 3 else 90
    threads = int(sys.argv[4]) if len(sys.argv) > 4 else 1
    for name in sorted(os.listdir(drafts), key=lambda n: int(n) if n.isdigit() else 0):
        folder = os.path.join(drafts, name)
        title = open(os.path.join(folder, "plan.md")).readline().strip()[:90]
        value, seconds, note = run_one(task, folder, limit, threads)
        print(f"{task} draft {name}: test {value} in {seconds:.0f}s | {title} | {note.strip()[-120:]}", flush=True)
