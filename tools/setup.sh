#!/usr/bin/env bash
# One setup for every place the course runs: CI, Codespaces (.devcontainer), Binder
# (binder/postBuild), a JupyterHub image (Dockerfile) and a laptop. From a clone on a machine
# with Node >= 20.19 and Python 3 it installs the project's packages (the library is built by
# their `prepare` script), registers the project's tslab kernel where Jupyter looks for kernels,
# and executes tools/setup-check.ipynb through that kernel to prove the whole chain works.
#
#   tools/setup.sh [--user | --sys-prefix | --prefix DIR]     (default --user)
#
# --user for one person's machine or a Codespace, --sys-prefix for the Python environment that
# runs the Jupyter server (Binder, the JupyterHub image), --prefix DIR for DIR/share/jupyter.
set -euo pipefail
called_from="$PWD"
cd "$(dirname "$0")/.."

node -e '
  const [major, minor] = process.versions.node.split(".").map(Number);
  if (major < 20 || (major === 20 && minor < 19)) {
    console.error(`Node ${process.versions.node} is too old: this project needs Node >= 20.19 (package.json "engines").`);
    process.exit(1);
  }'
echo "setup: Node $(node --version), npm $(npm --version)"

# The packages of the lock file, exactly; `prepare` compiles lib/ to lib/dist.
npm ci --no-audit --no-fund

# Register the kernel and run the check notebook through it (runner/setup.ts).
SETUP_FOLDER="$called_from" node_modules/.bin/tsx runner/setup.ts "$@"
