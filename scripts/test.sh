#!/usr/bin/env bash
# Runs every test of CustomsFn on a fresh machine: installs what the tests need, builds, publishes the Functions app
# (its package is checked by tests), runs all test projects, and prints "N passed, N failed".
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# --eval-fonts: LayoutFamiliesTests runs the eval-set generator, which draws with DejaVu and Droid Sans Fallback.
bash scripts/bootstrap.sh --all --eval-fonts

dotnet build CustomsFn.sln -c Release --nologo -v q -clp:ErrorsOnly
rm -rf artifacts/functions
dotnet publish functions/CustomsFn.Functions/CustomsFn.Functions.csproj -c Release -o artifacts/functions --nologo -v q -clp:ErrorsOnly
export CUSTOMSFN_FUNCTIONS_PUBLISH_DIR="$root/artifacts/functions"

mkdir -p artifacts/test-results
log=artifacts/test-results/dotnet-test.log
set +e
dotnet test CustomsFn.sln -c Release --no-build --nologo --logger "console;verbosity=normal" \
  --results-directory artifacts/test-results 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# One plain closing line over all test assemblies (the runner prints a summary block per assembly).
awk '/^[[:space:]]+Passed: [0-9]+[[:space:]]*$/  { p += $2 }
     /^[[:space:]]+Failed: [0-9]+[[:space:]]*$/  { f += $2 }
     /^[[:space:]]+Skipped: [0-9]+[[:space:]]*$/ { s += $2 }
     END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$log"
if [ "$status" -ne 0 ]; then
  # CI shows only the end of the output: name the failed tests and their first error lines here.
  grep -E '^[[:space:]]+Failed [A-Za-z]' -A4 "$log" | head -60 >&2 || true
  echo "dotnet test exited with $status" >&2
fi
exit "$status"
