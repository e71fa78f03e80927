# Starts a child that ignores SIGTERM and detaches into its own session, reports a metric, then sleeps.
# argv[1] is a marker the tests look for among live processes afterwards.
import json
import subprocess
import sys
import time

marker = sys.argv[1]
child = "import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); time.sleep(300)"
subprocess.Popen([sys.executable, "-c", child, marker], start_new_session=True)
print("AGENTML_METRIC " + json.dumps({"name": "ready", "step": 0, "value": 1.0}), flush=True)
time.sleep(300)
