# Tries to change the read-only input folder three ways (contract: writing into input fails).
import os

changed = []
attempts = {
    "create": lambda: open("input/new.txt", "w").write("x"),
    "append": lambda: open("input/data.txt", "a").write("x"),
    "delete": lambda: os.remove("input/data.txt"),
}
for name, attempt in attempts.items():
    try:
        attempt()
        changed.append(name)
    except OSError as error:
        print("refused", name, error)
print("INPUT-CHANGED " + " ".join(changed) if changed else "INPUT-PROTECTED")
raise SystemExit(3 if changed else 0)
