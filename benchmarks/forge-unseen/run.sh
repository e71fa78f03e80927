#!/usr/bin/env bash
# Forge on raw tables it was not developed on (Debian's R data packages, statsmodels and scikit-learn data sets),
# with leaks injected; scores each file against the human's target (manifest.json). See README.md.
# Usage: benchmarks/forge-unseen/run.sh OUT [--tasks N] [more forge options]   (AGENTML_ARTIFACTS picks the build)
set -eu
out=${1:?output folder}; shift
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
dll="${AGENTML_ARTIFACTS:-$root/artifacts}/bin/AgentML.Cli/release/agentml.dll"
need=()
command -v Rscript >/dev/null || need+=(r-base-core)
for p in mlmRev lme4 carData; do [ -d "/usr/lib/R/site-library/$p" ] || need+=("r-cran-$(echo $p | tr A-Z a-z)"); done
[ -d /usr/lib/R/library/nlme ] || need+=(r-cran-nlme)
[ -d /usr/lib/R/library/MASS ] || need+=(r-cran-mass)
[ -d /usr/lib/python3/dist-packages/statsmodels/datasets ] || need+=(python3-statsmodels)
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
mkdir -p "$out"
Rscript "$here/export.R" "$out/r-export" >/dev/null
/usr/bin/python3 "$here/make_tables.py" "$out/r-export" "$out/tables"
printf 'table\tseconds\texit\n' >"$out/times.tsv"
for csv in "$out"/tables/*.csv; do
  name=$(basename "$csv" .csv)
  [ -n "${TABLES:-}" ] && ! [[ " $TABLES " == *" $name "* ]] && continue
  rm -rf "$out/forged/$name"
  start=$(date +%s.%N)
  set +e
  timeout 1800 dotnet "$dll" forge "$csv" --out "$out/forged/$name" "$@" >"$out/$name.log" 2>&1
  rc=$?
  set -e
  printf '%s\t%.0f\t%s\n' "$name" "$(echo "$(date +%s.%N) - $start" | bc)" "$rc" >>"$out/times.tsv"
done
/usr/bin/python3 "$here/score.py" "$out"
