#!/usr/bin/env bash
# PDF import side by side: dossier, pdftotext (poppler-utils) and PyMuPDF on every corpus PDF
# with a reference, scored by the shared eval's score_import.py; time is the best of 3 runs, each
# dossier run with an empty conversion cache (a full conversion).
# usage: benches/pdf-compare.sh CORPUS_DIR SCORER   (needs a release build: cargo build --release)
#   e.g. benches/pdf-compare.sh tests/fixtures/pdf path/to/shared/eval/score_import.py
set -euo pipefail
corpus=${1:?usage: benches/pdf-compare.sh CORPUS_DIR SCORER}
scorer=${2:-${SCORER:?usage: benches/pdf-compare.sh CORPUS_DIR SCORER}}
dossier=${DOSSIER:-target/release/dossier}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
export DOSSIER_DATA_DIR=$out/data DOSSIER_CONFIG_DIR=$out/config DOSSIER_CACHE_DIR=$out/cache

best() { # best wall time of 3 runs of "$@" (stdout to $OUTFILE), in seconds
  local b=999
  for _ in 1 2 3; do
    local s e
    rm -rf "$DOSSIER_CACHE_DIR" # every dossier run converts: a full conversion, not a cache hit
    s=$(date +%s.%N); "$@" >"$OUTFILE" 2>/dev/null || true; e=$(date +%s.%N)
    b=$(echo "if ($e - $s < $b) $e - $s else $b" | bc -l)
  done
  printf '%.3f' "$b"
}
pymupdf() { python3 -c 'import sys, pymupdf; d = pymupdf.open(sys.argv[1]); sys.stdout.write("".join(p.get_text() for p in d))' "$1"; }

printf '| file | tool | recall | precision | hyphen splits | leaks | headings | time (s) | × pdftotext |\n'
printf '| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n'
for ref in "$corpus"/*.json; do
  name=$(basename "$ref" .json)
  pdf="$corpus/$name.pdf"
  [ -f "$pdf" ] || continue
  OUTFILE=$out/pt.txt; tp=$(best pdftotext "$pdf" -)
  for tool in dossier pdftotext pymupdf; do
    OUTFILE=$out/$tool.txt
    case $tool in
      dossier) t=$(best "$dossier" cat --width 65535 "$pdf")
               "$dossier" outline --json "$pdf" >"$out/outline.json" 2>/dev/null || echo '[]' >"$out/outline.json"
               ol=(--outline "$out/outline.json") ;;
      pdftotext) t=$tp; cp "$out/pt.txt" "$OUTFILE"; ol=() ;;
      pymupdf) t=$(best pymupdf "$pdf"); ol=() ;;
    esac
    python3 "$scorer" "$OUTFILE" "$ref" "${ol[@]}" --json >"$out/score.json" || true
    python3 - "$out/score.json" "$name" "$tool" "$t" "$tp" <<'PY'
import json, sys
r = json.load(open(sys.argv[1])); name, tool, t, tp = sys.argv[2:]
h = "-" if r.get("headings") is None else "%d/%d" % (r["headings"], r["headings_total"])
print("| %s | %s | %.3f | %.3f | %d | %d | %s | %s | %.2f |" % (name, tool, r["recall"], r["precision"],
      r["hyphen_splits"], r["boilerplate"], h, t, float(t) / max(float(tp), 1e-3)))
PY
  done
done
