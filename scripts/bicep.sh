#!/usr/bin/env bash
# Runs the pinned Bicep CLI offline. The CLI comes from NuGet (Azure.Bicep.CommandLine.linux-x64, version pinned in
# Directory.Packages.props): restoring tools/bicep/Bicep.Tools.csproj puts it into the NuGet global packages folder.
# Usage: scripts/bicep.sh <bicep arguments>   e.g. scripts/bicep.sh build infra/main.bicep --stdout
#        scripts/bicep.sh --path             prints the binary's path (restores first when needed)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
project="$root/tools/bicep/Bicep.Tools.csproj"
package="azure.bicep.commandline.linux-x64"

version="$(sed -n 's/.*PackageVersion Include="Azure.Bicep.CommandLine.linux-x64" Version="\([^"]*\)".*/\1/p' "$root/Directory.Packages.props")"
[ -n "$version" ] || { echo "bicep.sh: no Azure.Bicep.CommandLine.linux-x64 version in Directory.Packages.props" >&2; exit 1; }

packages_dir() {
  if [ -n "${NUGET_PACKAGES:-}" ]; then echo "${NUGET_PACKAGES%/}"; return; fi
  dotnet nuget locals global-packages --list --force-english-output | sed -n 's/^global-packages: *//p' | sed 's:/*$::'
}

bin="$(packages_dir)/$package/$version/tools/bicep"
if [ ! -f "$bin" ]; then
  command -v dotnet >/dev/null || { echo "bicep.sh: the .NET SDK (dotnet) is required to restore the Bicep CLI" >&2; exit 1; }
  dotnet restore "$project" --nologo -v q >&2
  bin="$(packages_dir)/$package/$version/tools/bicep"
  [ -f "$bin" ] || { echo "bicep.sh: $bin not found after restoring $project" >&2; exit 1; }
fi
[ -x "$bin" ] || chmod +x "$bin"

if [ "${1:-}" = "--path" ]; then echo "$bin"; exit 0; fi
# No telemetry, no update checks: the CLI must work without network.
export BICEP_TRACING_ENABLED=false DOTNET_CLI_TELEMETRY_OPTOUT=1
exec "$bin" "$@"
