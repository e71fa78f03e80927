# Forks sleeping children until the sandbox refuses (contract: a fork bomb is contained).
# Gives up at 3000 children so that an unlimited sandbox fails the test instead of the machine.
import os
import sys
import time

count = 0
try:
    while count < 3000:
        if os.fork() == 0:
            time.sleep(60)
            os._exit(0)
        count += 1
except OSError as error:
    print("FORK-LIMITED", count, error, flush=True)
    sys.exit(0)
print("FORK-UNLIMITED", count, flush=True)
sys.exit(3)
