#!/usr/bin/env bash
# Benchmark (not a test): median overhead per run of each sandbox back end above a bare `python3 -c pass`.
# Targets: <= 100 ms for the process back end, <= 500 ms for Docker. Needs root for the full process isolation
# and a running Docker engine with the sandbox image (scripts/setup.sh --docker).
# Usage: benchmarks/sandbox-overhead.sh [--runs N] [--sandbox process|docker|all]   (results: sandbox-overhead.md)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
exec "$root/agentml" sandbox overhead "$@"
