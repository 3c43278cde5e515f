#!/usr/bin/env bash
# Installs what the tests need on a new machine; every step is skipped when already done.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v cargo >/dev/null; then
  echo "cargo is required (rustup)" >&2
  exit 1
fi
for component in rustfmt clippy; do
  if ! rustup component list --installed 2>/dev/null | grep -q "^$component"; then
    rustup component add "$component"
  fi
done
# The oracle for the statutory calendar data (tests/calendar_oracle.py).
if ! python3 -c "import chinese_calendar" 2>/dev/null; then
  python3 -m pip install --quiet "chinesecalendar==1.11.0"
fi
for part in scripts/setup-c.sh scripts/setup-wasm.sh; do
  if [ -f "$part" ]; then
    bash "$part"
  fi
done
