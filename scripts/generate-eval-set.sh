#!/usr/bin/env bash
# Regenerates the labelled evaluation set in samples/eval (documents/, expected/, manifest.json) from a fixed seed:
# the same seed gives byte-identical files. Needs the fonts from `scripts/bootstrap.sh --eval-fonts`.
# The generated files are committed, so tests and CI read them without running this.
#   bash scripts/generate-eval-set.sh [--out DIR] [--seed N]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
bash scripts/bootstrap.sh --eval-fonts
dotnet run --project tools/CustomsFn.EvalSetGenerator -c Release -- "$@"
