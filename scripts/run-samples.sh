#!/usr/bin/env bash
# The main job on the bundled samples with the embedded (local) engine: no Azure, no account.
# Writes out/<file>.result.json per sample and prints the summary table.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
bash scripts/bootstrap.sh --ocr
dotnet run --project functions/CustomsFn.Cli -c Release -- process samples/documents --out "${1:-out}"
# The sample shipments: document results plus one <shipment>.shipment.json per shipment folder.
dotnet run --project functions/CustomsFn.Cli -c Release --no-build -- process samples/shipments --out "${1:-out}/shipments"
# PDFs with a text layer and scans/photos in eight languages (the labelled evaluation set; scans go through Tesseract).
dotnet run --project functions/CustomsFn.Cli -c Release --no-build -- process samples/eval/documents --out "${1:-out}/eval"
