"""Scores a forge-unseen run: per table, tasks accepted, whether the human's target is among them, what happened to
each injected leak (dropped from the target's accepted task?), code/id columns proposed as regression targets, time.
Usage: /usr/bin/python3 score.py OUT   (reads OUT/tables/manifest.json, OUT/forged/<table>/forge-report.json, OUT/times.tsv)
"""
import csv
import json
import os
import sys

out = sys.argv[1]
manifest = json.load(open(os.path.join(out, "tables", "manifest.json")))
times = {}
if os.path.exists(os.path.join(out, "times.tsv")):
    times = {r["table"]: r["seconds"] for r in csv.DictReader(open(os.path.join(out, "times.tsv")), delimiter="\t")}

rows, hits, leaks_ok, leaks_all, code_targets, files = [], 0, 0, 0, [], 0
for name, m in manifest.items():
    path = os.path.join(out, "forged", name, "forge-report.json")
    if not os.path.exists(path):
        continue
    files += 1
    report = json.load(open(path))
    tasks = [t for f in report["files"] for t in f["tasks"]]
    accepted = [t for t in tasks if t["accepted"]]
    human = [t for t in accepted if t["target"] == m["target"]]
    hits += bool(human)
    leak_notes = []
    for leak in m["leaks"]:
        leaks_all += 1
        dropped = human and all(any(d["name"] == leak for d in t["dropped"]) for t in human)
        leaks_ok += bool(dropped)
        why = next((d["reason"] for t in human for d in t["dropped"] if d["name"] == leak), "")
        leak_notes.append(f"{leak}: " + (f"dropped ({why[:70]})" if dropped else "NOT dropped from an accepted task of the target"))
    bad = sorted({t["target"] for t in tasks if t["target"] in m["codes"] and t["task_type"] == "regression"})
    code_targets += [f"{name}.{c}" for c in bad]
    rows.append((name, len(accepted), len(tasks) - len(accepted), m["target"],
                 "yes: " + ", ".join(f"{t['metric']}" for t in human) if human else "NO",
                 "; ".join(leak_notes) or "-", ", ".join(bad) or "-",
                 ", ".join(t["target"] for t in accepted), times.get(name, "?")))

print("| table | accepted | rejected | human target | among accepted | injected leaks | codes as regression targets | accepted targets | s |")
print("|---|---|---|---|---|---|---|---|---|")
for r in rows:
    print("| " + " | ".join(str(x) for x in r) + " |")
print()
print(f"human target accepted: {hits}/{files} ({100 * hits / max(files, 1):.0f} %); leaks dropped with the target kept: "
      f"{leaks_ok}/{leaks_all}; code/id columns as regression targets: {len(code_targets)} {code_targets}")
