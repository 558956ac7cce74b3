#!/usr/bin/env bash
# Executes every examples/*.ipynb headless with the tslab TypeScript kernel, as `npm run notebooks`.
# Installs what it needs the first time (idempotent), without touching the project's node_modules:
#   - Jupyter from Debian (jupyter-nbconvert, jupyter-client, python3-ipykernel), when missing (needs root);
#   - tslab (npm) into .notebook-tools/ (gitignored), and its kernel spec into .notebook-tools/jupyter;
#   - examples/node_modules/crm-mining: the package as a notebook imports it (`import ... from 'crm-mining'`),
#     a copy of package.json plus a link to the built dist/ (tslab resolves modules from the notebook's
#     folder with TypeScript's old "node" resolution, which reads package.json "main"/"types").
# The executed notebooks are written to out/notebooks/ (gitignored); the committed ones are left as they are.
# Not part of CI (it installs tools); see the README.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
TOOLS=$ROOT/.notebook-tools
TSLAB_VERSION=1.0.22
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
    if $SUDO apt-get update -qq && $SUDO apt-get install -y -qq jupyter-nbconvert jupyter-client python3-ipykernel; then
      break
    fi
    if [ "$attempt" = 6 ]; then echo "could not install Jupyter with apt-get" >&2; exit 1; fi
    sleep 20
  done
fi

# 2. tslab, outside the project's node_modules.
if [ ! -x "$TOOLS/node_modules/.bin/tslab" ]; then
  echo "== installing tslab@$TSLAB_VERSION into .notebook-tools/"
  mkdir -p "$TOOLS"
  [ -f "$TOOLS/package.json" ] || echo '{ "private": true }' > "$TOOLS/package.json"
  npm install --prefix "$TOOLS" --no-audit --no-fund --no-package-lock "tslab@$TSLAB_VERSION"
fi
TSLAB="$TOOLS/node_modules/.bin/tslab"
export JUPYTER_PATH="$TOOLS/jupyter/share/jupyter${JUPYTER_PATH:+:$JUPYTER_PATH}"
if [ ! -f "$TOOLS/jupyter/share/jupyter/kernels/tslab/kernel.json" ]; then
  echo "== registering the tslab kernel in .notebook-tools/jupyter"
  "$TSLAB" install --python "$PY" --binary "$TSLAB" --prefix "$TOOLS/jupyter"
fi

# 3. The package, built, and resolvable as 'crm-mining' from examples/.
echo "== building"
npm run --silent build
LINK=$ROOT/examples/node_modules/crm-mining
mkdir -p "$LINK"
cp package.json "$LINK/package.json"
ln -sfn ../../../dist "$LINK/dist"

# 4. Execute every notebook.
mkdir -p out/notebooks
for nb in examples/*.ipynb; do
  echo "== executing $nb"
  PATH="$TOOLS/node_modules/.bin:$PATH" jupyter nbconvert --to notebook --execute \
    --ExecutePreprocessor.timeout=600 --ExecutePreprocessor.kernel_name=tslab \
    --output-dir out/notebooks "$nb"
done
echo "== notebooks ran in $(( $(date +%s) - start )) s; executed copies in out/notebooks/"
