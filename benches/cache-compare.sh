#!/bin/sh
# End-to-end: `dossier cat X.pdf` from a warm conversion cache vs `dossier cat X.md` of the
# Markdown `dossier cat --markdown X.pdf` derives. Usage: benches/cache-compare.sh DOSSIER FIXTURES_DIR
set -e
B=$1; F=$2
H=$(mktemp -d)
export DOSSIER_DATA_DIR=$H/data DOSSIER_CONFIG_DIR=$H/config DOSSIER_CACHE_DIR=$H/cache
for n in fhs-3.0 federal-register-2020-17221; do
  cp "$F/$n.pdf" "$H/$n.pdf"
  "$B" cat --markdown "$H/$n.pdf" > "$H/$n.md"
  # A file changed in the last 2 s is not recorded as known (see src/import/known.rs): let the
  # copy settle, as a paper on disk has, then open it once so the cache records it.
  sleep 3; "$B" cat "$H/$n.pdf" > /dev/null
  hyperfine -N --warmup 10 --runs 100 --export-json "$H/$n.json" \
    "$B cat $H/$n.pdf" "$B cat $H/$n.md" >/dev/null
  python3 - "$H/$n.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
for x in r:
    print(f'{x["command"].split("/")[-1]:40} mean {x["mean"]*1e3:6.1f} ms  median {x["median"]*1e3:6.1f} ms  min {x["min"]*1e3:6.1f} ms  user+sys {(x["user"]+x["system"])*1e3:5.1f} ms')
print(f'  ratio: mean {r[0]["mean"]/r[1]["mean"]:.2f}  median {r[0]["median"]/r[1]["median"]:.2f}  min {r[0]["min"]/r[1]["min"]:.2f}  cpu {(r[0]["user"]+r[0]["system"])/(r[1]["user"]+r[1]["system"]):.2f}')
PY
done
rm -rf "$H"
