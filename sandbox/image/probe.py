"""Reports the interpreter and package versions as one JSON line (used by AgentML's Python locator and
`agentml sandbox check`). Usage: python3 probe.py [module ...]; a module that fails to import maps to null."""
import importlib
import json
import os
import sys

modules = sys.argv[1:] or ["sklearn", "pandas", "numpy", "scipy", "xgboost"]
packages = {}
for name in modules:
    try:
        packages[name] = str(getattr(importlib.import_module(name), "__version__", "unknown"))
    except Exception:  # noqa: BLE001 - any import failure means "not usable"
        packages[name] = None
# Folders the interpreter needs besides /usr (a venv, a conda or pyenv install): the process sandbox binds them.
prefixes = sorted({os.path.realpath(p) for p in (sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix,
                                                   os.path.dirname(os.path.realpath(sys.executable)))})
print(json.dumps({"python": sys.version.split()[0], "executable": sys.executable, "prefixes": prefixes, "packages": packages}))
