#!/usr/bin/env bash
# Fuzzes yibao: runs every cargo-fuzz target (fuzz/) for a bounded time and prints the
# executions of each. `scripts/test.sh` runs it for 15 s per target; long runs are
# `bash scripts/fuzz.sh 600` and more. The inputs worth keeping live in
# tests/fuzz-crashes/<target>/ and are replayed by the normal tests
# (core/tests/fuzz_regressions.rs; the batch targets' by examples/cli/tests/fuzz_regressions.rs).
#
#   bash scripts/fuzz.sh            # 60 s per target
#   bash scripts/fuzz.sh 300        # 5 minutes per target
#   FUZZ_TARGETS="json id" bash scripts/fuzz.sh 30
#
# Targets: policy (policy files), json (the JSON operations), id (ID numbers), c_json
# (yibao_json on raw bytes), c_typed (the typed C calls), cli_json (the CLI's request
# path), batch_csv and batch_jsonl (the CLI's batch reader). Built with debug assertions
# (-a) as well as ASan; json, c_json, cli_json and policy run with a dictionary of the
# contract's keys (fuzz/dicts/).
#
# cargo-fuzz needs nightly-only flags (-Zsanitizer=address); RUSTC_BOOTSTRAP=1 makes the
# stable toolchain accept them. Corpora grow in fuzz/corpus/<target>/ (seeded from the
# built-in policies, the test fixtures and the conformance vectors), crashes land in
# fuzz/artifacts/<target>/, logs in fuzz/logs/; all three are gitignored.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
secs="${1:-60}"
targets="${FUZZ_TARGETS:-policy json id c_json c_typed cli_json batch_csv batch_jsonl}"
export RUSTC_BOOTSTRAP=1

if ! command -v cargo-fuzz >/dev/null 2>&1; then
  echo "installing cargo-fuzz"
  cargo install cargo-fuzz --locked || exit 1
fi

# ---------------------------------------------------------------- seed corpora
mkdir -p fuzz/corpus/{policy,json,id,c_json,c_typed,cli_json,batch_csv,batch_jsonl} fuzz/logs
for t in c_typed cli_json batch_csv batch_jsonl; do
  mkdir -p "tests/fuzz-crashes/$t"
done
cp core/policies/*.toml core/tests/fixtures/*.toml fuzz/corpus/policy/
python3 - "$root" <<'PY'
import hashlib, json, pathlib, sys
root = pathlib.Path(sys.argv[1])
corpus = root / "fuzz" / "corpus"
# The selector byte of each operation (fuzz/src/harness.rs, op_for).
sel = {"quote": b"q", "household": b"h", "refund": b"r", "window": b"w",
       "id": b"i", "policies": b"P", "policy": b"p"}
def put(target, data):
    name = hashlib.sha1(data).hexdigest()
    (corpus / target / name).write_bytes(data)
for f in sorted((root / "tests" / "vectors").glob("*.json")):
    for case in json.loads(f.read_text()):
        raw = case.get("raw_request")
        req = raw if raw is not None else json.dumps(case.get("request"), ensure_ascii=False)
        body = req.encode()
        op = sel.get(case["op"], b"x")
        put("json", op + body)
        put("c_json", op + b"\xff" + body)
        put("c_json", op + b"\x02" + body)  # 16-byte buffer: BUFFER_TOO_SMALL first
        put("cli_json", op + b"-" + body)   # no --lang
        put("cli_json", op + b"e" + body)   # --lang en
        r = case.get("request")
        if isinstance(r, dict) and isinstance(r.get("id_number"), str):
            put("id", r["id_number"].encode())
# The batch reader: records with quoted line ends, each line end, a BOM.
put("batch_csv", b"id_number,name,paid_on\r\n1,\"a\r\nb\",2023-10-10\r2,\"x\"\"y\",\n")
put("batch_csv", "\ufeffh\n\n\"open\n".encode())
put("batch_jsonl", b'{"birth_date":"1980-05-01","paid_on":"2023-10-10"}\r{"a":1}\r\n\n{"b":2}')
put("c_typed", bytes(range(64)))
PY

# ---------------------------------------------------------------- build and run
cd fuzz
echo "building the fuzz targets (release, ASan, debug assertions)"
cargo fuzz build -O -a >logs/build.log 2>&1 || { tail -30 logs/build.log; exit 1; }

status=0
printf '\n%-12s %8s %12s %10s %s\n' target seconds executions exec/s result
for t in $targets; do
  log="logs/$t.log"
  max_len=8192
  [ "$t" = policy ] && max_len=65536
  dict=()
  case "$t" in
    json | c_json | cli_json) dict=(-dict=dicts/json.dict) ;;
    policy) dict=(-dict=dicts/toml.dict) ;;
  esac
  cargo fuzz run -O -a "$t" "corpus/$t" "$root/tests/fuzz-crashes/$t" -- \
    -max_total_time="$secs" -max_len="$max_len" -timeout=10 -rss_limit_mb=2048 \
    "${dict[@]}" -print_final_stats=1 >"$log" 2>&1
  rc=$?
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  result=ok
  if [ $rc -ne 0 ]; then
    result="FAILED (rc $rc): $(grep -m1 -o 'artifacts/[^ ]*' "$log" || echo "see fuzz/$log")"
    status=1
  fi
  printf '%-12s %8s %12s %10s %s\n' "$t" "$secs" "${execs:-?}" "${rate:-?}" "$result"
done
exit $status
