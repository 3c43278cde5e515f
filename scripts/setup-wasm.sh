#!/usr/bin/env bash
# Installs what the npm package and the calculator page need to build and test; every
# step is skipped when already done: the wasm32 target, wasm-bindgen-cli 0.2.130 (the
# version bindings-wasm pins), Chromium, and the npm dev dependencies (binaryen's
# wasm-opt, TypeScript, playwright-core, esbuild and Vite for the bundler tests) from the
# committed package-lock.json files.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  rustup target add wasm32-unknown-unknown
fi

if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen 0.2.130" ]; then
  cargo install wasm-bindgen-cli --version 0.2.130
fi

# Chromium for the page test; a Chinese font so that its screenshot shows characters.
apt_packages=()
if [ ! -x /usr/bin/chromium ]; then
  apt_packages+=(chromium fonts-wqy-zenhei)
elif command -v fc-list >/dev/null && [ -z "$(fc-list :lang=zh 2>/dev/null)" ]; then
  apt_packages+=(fonts-wqy-zenhei)
fi
if [ ${#apt_packages[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y "${apt_packages[@]}"
fi

if ! command -v npm >/dev/null; then
  echo "node and npm are required (Node 18 or later)" >&2
  exit 1
fi
for dir in bindings-wasm examples/calculator; do
  # Installed when missing, and again when the lock file changed since (a new dev dependency).
  if [ ! -d "$dir/node_modules" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    if [ -f "$dir/package-lock.json" ]; then
      (cd "$dir" && npm ci --no-audit --no-fund)
    else
      (cd "$dir" && npm install --no-audit --no-fund)
    fi
  fi
done
