"""Reports the interpreter and package versions as one JSON line (used by AgentML's Python locator and
`agentml sandbox check`). Usage: python3 probe.py [module ...]; a module that fails to import maps to null."""
import importlib
import json
import sys

modules = sys.argv[1:] or ["sklearn", "pandas", "numpy", "scipy", "xgboost"]
packages = {}
for name in modules:
    try:
        packages[name] = str(getattr(importlib.import_module(name), "__version__", "unknown"))
    except Exception:  # noqa: BLE001 - any import failure means "not usable"
        packages[name] = None
print(json.dumps({"python": sys.version.split()[0], "executable": sys.executable, "packages": packages}))
