#!/usr/bin/env bash
# The main job on the built-in policies: builds the `yibao` CLI and answers one question
# per seed notice and for two 2026 notices, as a resident or a bank counter would ask it,
# then runs every built-in policy's case file (the figures its notice publishes).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v cargo >/dev/null; then
  echo "cargo is required (https://rustup.rs)" >&2
  exit 1
fi
cargo build --quiet --release -p yibao-cli
target_dir=$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')
yibao="$target_dir/release/yibao"

echo "# 内置政策（built-in policies）"
"$yibao" policies --pretty
run() {
  echo
  echo "\$ yibao $*"
  "$yibao" "$@"
}
run quote --policy 140400-2024 --category minimum_living --paid-on 2023-10-10
run quote --policy 140400-2024 --paid-on 2024-02-10
run window --policy 140400-2024 --date 2023-10-26
run quote --policy 231000-2023 --category minimum_living --paid-on 2022-10-01
run quote --policy 230128-2023 --birth-date 2022-10-15 --paid-on 2022-11-20
run quote --policy 411024-2024 --paid-on 2024-01-10 --lang en
run quote --policy 211382-2022 --category model_worker --paid-on 2022-02-15
run quote --policy 411024-2026 --paid-on 2026-02-10
run quote --policy 520600-2026 --paid-on 2026-03-10
run window --policy 320200-2026 --date 2026-12-01
echo
echo '$ yibao household  （凌源：三口之家整户参保）'
echo '{"policy":"211382-2022","paid_on":"2022-02-15","members":[{"birth_date":"1980-05-01"},{"birth_date":"1982-07-01"},{"birth_date":"2010-09-01"}]}' \
  | "$yibao" household | python3 -c 'import json,sys; a=json.load(sys.stdin); print("全户个人应缴：", a["personal_due_total"], "元")'
echo
echo '$ yibao test core/policies  （每个内置政策的案例文件：通知公布的数字）'
"$yibao" test core/policies | tail -n 1
