#!/usr/bin/env bash
# Inference robustness check: writes Kaggle-style variations of the shared tasks (no competition.yaml) and checks
# that `agentml inspect` infers what each expected.json says and that `agentml grade` scores the answers perfectly.
#   benchmarks/inference/run.sh [--skip-build] [variation ...]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
export AGENTML_ARTIFACTS="${AGENTML_ARTIFACTS:-/tmp/agentml-inference}"
if [[ "${1:-}" == "--skip-build" ]]; then shift; else dotnet build "$repo/src/AgentML.Cli" -c Release -v q -nologo >/dev/null; fi
out="${AGENTML_INFERENCE_OUT:-$(mktemp -d /tmp/agentml-inference-XXXX)}"
/usr/bin/python3 "$here/make_variations.py" "$repo/../shared/tasks" "$out" "$@" >/dev/null
echo "variations in $out"
/usr/bin/python3 "$here/check.py" "dotnet $AGENTML_ARTIFACTS/bin/AgentML.Cli/release/agentml.dll" "$out" "$@"
