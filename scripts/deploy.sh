#!/usr/bin/env bash
# Deploys CustomsFn to an Azure resource group in one command: infrastructure, the Functions package, and the Event Grid
# subscription that needs the running code (its webhook key exists only once the app's code runs).
#
#   bash scripts/deploy.sh <dev|prod> <resource-group> [--what-if] [--dry-run]
#
#   1. bootstrap pdf.js (the dashboard's PDF renderer, part of the package)
#   2. az deployment group create  infra/main.<env>.bicepparam   (CUSTOMSFN_SUBSCRIBE_BLOB_EVENTS=false: the first time the
#      app has no code yet; an existing subscription is left in place, deployments are incremental)
#   3. dotnet publish (linux-x64, framework-dependent) and zip
#   4. az functionapp deployment source config-zip  (Flex Consumption one deploy)
#   5. az deployment group create  again with CUSTOMSFN_SUBSCRIBE_BLOB_EVENTS=true (the BlobCreated subscription)
#
# --what-if   only shows what step 2 would change (az deployment group what-if); nothing is deployed
# --dry-run   prints the commands instead of running them (no Azure CLI needed; used by the tests)
# Needs: the Azure CLI signed in (az login) with rights on the resource group, the .NET SDK, Node/npm.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

usage() { echo "usage: scripts/deploy.sh <dev|prod> <resource-group> [--what-if] [--dry-run]" >&2; exit 2; }
[ $# -ge 2 ] || usage
environment="$1" group="$2"; shift 2
what_if=0 dry_run=0
for a in "$@"; do
  case "$a" in
    --what-if) what_if=1 ;;
    --dry-run) dry_run=1 ;;
    *) echo "deploy: unknown option $a" >&2; usage ;;
  esac
done
params="infra/main.$environment.bicepparam"
[ -f "$params" ] || { echo "deploy: no parameters file $params (environments: $(ls infra/main.*.bicepparam | sed 's|infra/main\.||; s|\.bicepparam||' | tr '\n' ' '))" >&2; exit 2; }

run() {
  if [ "$dry_run" -eq 1 ]; then echo "+ $*"; else "$@"; fi
}
# az deployment group <command> with the subscription switch the parameters files read.
deployment() {
  local subscribe="$1"; shift
  if [ "$dry_run" -eq 1 ]; then echo "+ CUSTOMSFN_SUBSCRIBE_BLOB_EVENTS=$subscribe az deployment group $*"; return; fi
  CUSTOMSFN_SUBSCRIBE_BLOB_EVENTS="$subscribe" az deployment group "$@"
}
deployment_name="customsfn-$environment"

if [ "$what_if" -eq 1 ]; then
  deployment true what-if --resource-group "$group" --name "$deployment_name" --parameters "$params"
  exit 0
fi

run bash scripts/bootstrap.sh --azurite

echo "deploy: infrastructure ($params)" >&2
deployment false create --resource-group "$group" --name "$deployment_name" --parameters "$params"
if [ "$dry_run" -eq 1 ]; then
  app="<functionAppName output>"
else
  app="$(az deployment group show --resource-group "$group" --name "$deployment_name" --query properties.outputs.functionAppName.value -o tsv)"
fi

echo "deploy: package" >&2
package_dir="artifacts/deploy/functions" package_zip="artifacts/deploy/functions.zip"
run rm -rf "$package_dir" "$package_zip"
run dotnet publish functions/CustomsFn.Functions/CustomsFn.Functions.csproj -c Release -o "$package_dir" --nologo -v q
if [ "$dry_run" -eq 1 ]; then
  echo "+ (cd $package_dir && zip -qr ../functions.zip .)"
else
  (cd "$package_dir" && zip -qr ../functions.zip . 2>/dev/null) || (cd "$package_dir" && python3 -m zipfile -c ../functions.zip .)
fi
run az functionapp deployment source config-zip --resource-group "$group" --name "$app" --src "$package_zip"

echo "deploy: Event Grid subscription (the app's code is running now)" >&2
deployment true create --resource-group "$group" --name "$deployment_name" --parameters "$params"
echo "deploy: done: https://$app.azurewebsites.net/ (dashboard), uploads into the 'incoming' container" >&2
