#!/usr/bin/env bash
# Executes every examples/notebooks/*.ipynb headless with the tslab TypeScript kernel (`npm run notebooks`,
# and CI). Exits 1 if any cell of any notebook raises; prints the time each notebook took.
#
# Installs what it needs the first time (idempotent), without touching the project's node_modules:
#   - Jupyter from Debian (jupyter-nbconvert, jupyter-client, python3-ipykernel), when missing (needs root
#     or sudo);
#   - tslab into .notebook-tools/ (gitignored) from scripts/notebook-tools/package-lock.json (exact
#     versions), with install scripts off: its one native dependency, zeromq, ships prebuilt binaries
#     and only compiles (cmake) when none fits, in which case `npm rebuild zeromq` runs its script;
#   - the tslab kernel spec, into .notebook-tools/jupyter (found through JUPYTER_PATH, so the user's
#     own Jupyter set-up is left alone);
#   - examples/node_modules/crm-mining: the package as a notebook imports it (`import ... from
#     'crm-mining'`), a copy of package.json plus a link to the built dist/ (tslab resolves modules from
#     the notebook's folder with TypeScript's old "node" resolution, which reads package.json
#     "main"/"types").
# The committed notebooks carry no outputs; the executed copies go to out/notebooks/ (gitignored).
#
# Options: --no-build (use the dist/ already built), NOTEBOOK_JOBS=N (notebooks run at once; default 2,
# each kernel is mostly one busy core).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
TOOLS=$ROOT/.notebook-tools
OUT=$ROOT/out/notebooks
JOBS=${NOTEBOOK_JOBS:-2}
BUILD=1
[ "${1:-}" = "--no-build" ] && BUILD=0
start=$(date +%s)
# Debian's Jupyter runs on Debian's Python, which need not be the first python3 on PATH (pyenv, venvs).
PY=/usr/bin/python3
[ -x "$PY" ] || PY=$(command -v python3)

# 1. Jupyter.
if ! command -v jupyter >/dev/null 2>&1 || ! jupyter nbconvert --version >/dev/null 2>&1 \
  || ! "$PY" -c 'import ipykernel, jupyter_client' >/dev/null 2>&1; then
  echo "== installing Jupyter (Debian packages)"
  SUDO=""
  if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
  for attempt in 1 2 3 4 5 6; do
    # apt may be locked by another process: wait and retry.
    if $SUDO apt-get update -qq && $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      jupyter-nbconvert jupyter-client python3-ipykernel; then
      break
    fi
    if [ "$attempt" = 6 ]; then echo "could not install Jupyter with apt-get" >&2; exit 1; fi
    sleep 20
  done
fi

# 2. tslab, outside the project's node_modules, at the locked versions.
if ! cmp -s scripts/notebook-tools/package-lock.json "$TOOLS/package-lock.json" || [ ! -x "$TOOLS/node_modules/.bin/tslab" ]; then
  echo "== installing tslab into .notebook-tools/"
  rm -rf "$TOOLS"
  mkdir -p "$TOOLS"
  cp scripts/notebook-tools/package.json scripts/notebook-tools/package-lock.json "$TOOLS/"
  (cd "$TOOLS" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
  if ! (cd "$TOOLS" && node -e "require('zeromq')") >/dev/null 2>&1; then
    echo "== no prebuilt zeromq for this platform: building it"
    (cd "$TOOLS" && npm rebuild zeromq --foreground-scripts)
  fi
fi
TSLAB="$TOOLS/node_modules/.bin/tslab"
export JUPYTER_PATH="$TOOLS/jupyter/share/jupyter${JUPYTER_PATH:+:$JUPYTER_PATH}"
if [ ! -f "$TOOLS/jupyter/share/jupyter/kernels/tslab/kernel.json" ]; then
  echo "== registering the tslab kernel in .notebook-tools/jupyter"
  "$TSLAB" install --python "$PY" --binary "$TSLAB" --prefix "$TOOLS/jupyter" >/dev/null
fi

# 3. The package, built, and resolvable as 'crm-mining' from examples/.
if [ "$BUILD" = 1 ]; then
  echo "== building"
  npm run --silent build
fi
[ -f dist/cjs/index.js ] || { echo "dist/ is missing: run npm run build" >&2; exit 1; }
LINK=$ROOT/examples/node_modules/crm-mining
mkdir -p "$LINK"
cp package.json "$LINK/package.json"
ln -sfn ../../../dist "$LINK/dist"

# 4. Execute every notebook; a failing cell fails its notebook (nbconvert exits non-zero).
rm -rf "$OUT"
mkdir -p "$OUT"
run_one() {
  local nb=$1 name t0 rc=0
  name=$(basename "$nb" .ipynb)
  t0=$(date +%s)
  PATH="$TOOLS/node_modules/.bin:$PATH" jupyter nbconvert --to notebook --execute \
    --ExecutePreprocessor.timeout=300 --ExecutePreprocessor.kernel_name=tslab \
    --output-dir "$OUT" "$nb" >"$OUT/$name.log" 2>&1 || rc=$?
  local took=$(( $(date +%s) - t0 ))
  if [ "$rc" = 0 ]; then
    echo "   ok     ${took}s  $nb"
  else
    echo "   FAILED ${took}s  $nb (exit $rc); the end of its log:"
    tail -n 25 "$OUT/$name.log" | sed 's/^/      /'
    touch "$OUT/$name.failed"
  fi
}
notebooks=(examples/notebooks/*.ipynb)
echo "== executing ${#notebooks[@]} notebooks, $JOBS at a time"
running=0
for nb in "${notebooks[@]}"; do
  run_one "$nb" &
  running=$((running + 1))
  if [ "$running" -ge "$JOBS" ]; then wait -n || true; running=$((running - 1)); fi
done
wait
failed=$(find "$OUT" -name '*.failed' | wc -l)
echo "== notebooks: ${#notebooks[@]} run, $failed failed, $(( $(date +%s) - start )) s in all; executed copies in out/notebooks/"
[ "$failed" = 0 ]
