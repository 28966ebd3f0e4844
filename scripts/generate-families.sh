#!/usr/bin/env bash
# Regenerates the layout families in samples/families (documents/, expected/, manifest.json; issue #19) from a fixed
# seed: the same seed gives byte-identical files. Needs the fonts from `scripts/bootstrap.sh --eval-fonts`.
# The generated files are committed, so tests and `customs eval` read them without running this.
#   bash scripts/generate-families.sh [--out DIR] [--seed N] [--family ID]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
bash scripts/bootstrap.sh --eval-fonts
dotnet run --project tools/CustomsFn.EvalSetGenerator -c Release -- --families "$@"
