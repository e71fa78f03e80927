# Reports a metric, then waits until the orchestrator reacts to it by creating working/go
# (contract: metric lines arrive before the program ends).
import json
import os
import time

print("AGENTML_METRIC " + json.dumps({"name": "fold", "step": 0, "value": 0.25}), flush=True)
deadline = time.time() + 30
while not os.path.exists("working/go") and time.time() < deadline:
    time.sleep(0.05)
if not os.path.exists("working/go"):
    print("NO-REACTION")
    raise SystemExit(4)
print("AGENTML_METRIC " + json.dumps({"name": "fold", "step": 1, "value": 0.75}), flush=True)
print("REACTED")
