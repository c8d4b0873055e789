#!/usr/bin/env bash
# Converts generated exports (DOCX report, XLSX workbook) to PDF with LibreOffice and fails if a file
# does not convert. With --png it also renders the first pages to PNG (poppler's pdftoppm) to look at.
# Usage: test/export/convert.sh [OUT_DIR] [--png]      (needs soffice: libreoffice-writer, libreoffice-calc)
set -euo pipefail
cd "$(dirname "$0")/../.."

out="test/artifacts/export"
png=0
for arg in "$@"; do
  case "$arg" in
    --png) png=1 ;;
    *) out="$arg" ;;
  esac
done

command -v soffice >/dev/null 2>&1 || { echo "convert.sh: soffice not found (apt-get install libreoffice-writer libreoffice-calc)" >&2; exit 1; }
rm -rf "$out"
mkdir -p "$out"
node --import tsx test/export/make-samples.ts "$out"

# A profile of its own: another running LibreOffice would otherwise take the job and this one exit silently.
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
failed=0
for file in "$out"/*.docx "$out"/*.xlsx; do
  pdf="${file%.*}.pdf"
  if ! timeout 180 soffice "-env:UserInstallation=file://$profile" --headless --convert-to pdf --outdir "$out" "$file" >"$out/soffice.log" 2>&1; then
    echo "FAIL $file: soffice exited with an error" >&2
    cat "$out/soffice.log" >&2
    failed=1
    continue
  fi
  if [ ! -s "$pdf" ] || [ "$(head -c 5 "$pdf")" != "%PDF-" ]; then
    echo "FAIL $file: no PDF written" >&2
    cat "$out/soffice.log" >&2
    failed=1
    continue
  fi
  pages=""
  if command -v pdfinfo >/dev/null 2>&1; then pages="$(pdfinfo "$pdf" | awk '/^Pages:/ { print $2 }')"; fi
  echo "ok   $file -> $(basename "$pdf") ${pages:+($pages pages)}"
  if [ "$png" = 1 ] && command -v pdftoppm >/dev/null 2>&1; then
    pdftoppm -png -r 50 -f 1 -l 4 "$pdf" "${pdf%.pdf}-page"
  fi
done
exit "$failed"
