# Prints 100 MB to stdout, then a metric line (contract: a flood keeps our memory bounded).
import json
import sys

chunk = ("x" * 1023 + "\n") * 1024
for _ in range(100):
    sys.stdout.write(chunk)
print("AGENTML_METRIC " + json.dumps({"name": "after_flood", "step": 1, "value": 1.0}))
print("FLOOD-DONE")
