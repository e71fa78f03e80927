# Tries to reach outside its job (contract: it sees only its own folders).
# AGENTML_TEST_SECRETS: ','-separated host paths of world-readable files outside the job (answers, a private file);
# AGENTML_TEST_PARENTS: host folders above the job that hold a file whose name contains AGENTML_TEST_MARKER;
# AGENTML_TEST_ESCAPES: host paths outside the job to create (host /tmp included).
# It must still read input/data.txt and write submission/submission.csv.
import os

marker = os.environ["AGENTML_TEST_MARKER"]
leaks = []


def names(path):
    try:
        return os.listdir(path)
    except OSError as error:
        print("refused list", path, type(error).__name__)
        return []


for path in filter(None, os.environ["AGENTML_TEST_SECRETS"].split(",")):
    for attempt in (path, os.path.relpath(path)):
        try:
            with open(attempt, encoding="utf-8") as f:
                leaks.append("read " + attempt + ": " + f.read(40).strip())
        except OSError as error:
            print("refused read", attempt, type(error).__name__)

here = os.getcwd()
parents = [os.path.dirname(here), os.path.dirname(os.path.dirname(here)), "input/..", "input/../..", "/"]
parents += list(filter(None, os.environ["AGENTML_TEST_PARENTS"].split(",")))
for parent in parents:
    seen = [n for n in names(parent) if marker in n]
    if seen:
        leaks.append("listed " + parent + ": " + " ".join(seen))

for path in filter(None, os.environ["AGENTML_TEST_ESCAPES"].split(",")):
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write("escaped")
        print("wrote (inside the sandbox's own view)", path)
    except OSError as error:
        print("refused write", path, type(error).__name__)

with open("input/data.txt", encoding="utf-8") as f:
    data = f.read()
os.makedirs("submission", exist_ok=True)
with open("submission/submission.csv", "w", encoding="utf-8") as f:
    f.write("id,value\n1," + data.strip() + "\n")
print("LEAKED " + " | ".join(leaks) if leaks else "CONTAINED")
