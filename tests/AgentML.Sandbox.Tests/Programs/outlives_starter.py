# Sleeps past the end of the thread that started it, then writes a submission: a back end that ties the program's
# life to that thread (PR_SET_PDEATHSIG) kills it during the sleep.
import os
import time

time.sleep(4)
os.makedirs("submission", exist_ok=True)
with open("submission/submission.csv", "w") as handle:
    handle.write("id,value\n1,0\n")
print("outlived its starter", flush=True)
