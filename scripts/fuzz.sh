#!/usr/bin/env bash
# Fuzzes one parser of untrusted input with SharpFuzz + AFL++ for MINUTES minutes (not part of CI).
#   scripts/fuzz.sh TARGET MINUTES      TARGET: xml | edifact | pdf | numbers | duty | image
# Installs what it needs (Debian afl++, the SharpFuzz.CommandLine 2.3.0 dotnet tool into tools/.sharpfuzz), publishes
# tests/CustomsFn.Fuzz, instruments CustomsFn.Core (and PdfPig for the pdf target), seeds the corpus from samples/ and
# tests/CustomsFn.Fuzz/seeds, runs afl-fuzz under nice -n 19 and prints executions, crashes and hangs.
# Output: artifacts/fuzz/TARGET/{findings,summary.txt}. Reproduce one input:
#   dotnet run --project tests/CustomsFn.Fuzz -c Release -- TARGET --file artifacts/fuzz/TARGET/findings/default/crashes/id:...
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

target="${1:-}"; minutes="${2:-}"
case "$target" in xml|edifact|pdf|numbers|duty|image) ;; *) echo "usage: scripts/fuzz.sh {xml|edifact|pdf|numbers|duty|image} MINUTES" >&2; exit 2 ;; esac
[[ "$minutes" =~ ^[0-9]+$ ]] && [ "$minutes" -gt 0 ] || { echo "fuzz: MINUTES must be a positive whole number" >&2; exit 2; }

# 1. Tools: afl++ (Debian) and the SharpFuzz instrumenter (a dotnet tool, pinned, installed into the repository's tools/).
if ! command -v afl-fuzz >/dev/null; then
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "fuzz: apt-get install afl++"
  $sudo apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends afl++ >/dev/null
fi
tooldir="$root/tools/.sharpfuzz"
if [ ! -x "$tooldir/sharpfuzz" ]; then
  echo "fuzz: dotnet tool install SharpFuzz.CommandLine 2.3.0"
  dotnet tool install SharpFuzz.CommandLine --version 2.3.0 --tool-path "$tooldir" >/dev/null
fi

# 2. Build and instrument (a fresh copy per target, so instrumented assemblies never reach other builds).
work="$root/artifacts/fuzz/$target"
rm -rf "$work/bin" "$work/seeds"
mkdir -p "$work/seeds"
dotnet publish tests/CustomsFn.Fuzz/CustomsFn.Fuzz.csproj -c Release -o "$work/bin" --nologo -v q -clp:ErrorsOnly
instrument=(CustomsFn.Core.dll)
[ "$target" = pdf ] && instrument+=(UglyToad.PdfPig.dll UglyToad.PdfPig.Core.dll UglyToad.PdfPig.Tokenization.dll UglyToad.PdfPig.Fonts.dll)
for dll in "${instrument[@]}"; do "$tooldir/sharpfuzz" "$work/bin/$dll" >/dev/null; done

# 3. Seeds: small real inputs (AFL prefers seeds under a few kilobytes; the largest samples only slow it down).
case "$target" in
  xml) find samples -name '*.xml' -size -48k -exec cp {} "$work/seeds/" \; ;;
  pdf) cp tests/CustomsFn.Fuzz/seeds/pdf/* "$work/seeds/"
       ls -S samples/eval/documents/*.pdf | tail -n 2 | xargs -r -I{} cp {} "$work/seeds/" ;;
  *) cp tests/CustomsFn.Fuzz/seeds/"$target"/* "$work/seeds/" ;;
esac
echo "fuzz: $target for $minutes min with $(ls "$work/seeds" | wc -l) seeds"

# 4. Run. AFL_SKIP_BIN_CHECK: the dotnet host is not instrumented, the assemblies are. No affinity: the machine is shared.
timeout_ms=5000; [ "$target" = pdf ] && timeout_ms=10000
export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_NO_AFFINITY=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 \
  AFL_AUTORESUME=1
nice -n 19 afl-fuzz -V "$((minutes * 60))" -t "$timeout_ms" -m none -i "$work/seeds" -o "$work/findings" \
  -- dotnet "$work/bin/CustomsFn.Fuzz.dll" "$target" > "$work/afl.log" 2>&1 || { tail -n 30 "$work/afl.log" >&2; exit 1; }

# 5. Report.
stats="$work/findings/default/fuzzer_stats"
get() { awk -F' *: *' -v k="$1" '$1 == k { print $2 }' "$stats"; }
summary="target=$target minutes=$minutes execs=$(get execs_done) execs_per_sec=$(get execs_per_sec) paths=$(get corpus_count) crashes=$(get saved_crashes) hangs=$(get saved_hangs)"
echo "$summary" | tee "$work/summary.txt"
