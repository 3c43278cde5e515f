#!/usr/bin/env bash
# Benchmarks of issue #6, as BENCHMARKS.md reports them:
#   1. the core's criterion benches (cargo bench -p yibao --bench engine), RUNS times,
#      with the median of each run's median;
#   2. `yibao batch` throughput on a synthetic county of ROWS residents (CSV and JSONL),
#      with hyperfine when installed (else `time`), RUNS runs, median.
# Not part of scripts/test.sh: timings depend on the machine and its load. Measurement
# times are short because the project's machines have 2 shared cores.
#
# usage: bash scripts/bench.sh            (RUNS=3 ROWS=1000000 by default)
#        RUNS=5 ROWS=200000 bash scripts/bench.sh
#        SKIP_CRITERION=1 bash scripts/bench.sh   (batch only)
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-3}
ROWS=${ROWS:-1000000}
TARGET=${CARGO_TARGET_DIR:-target}
DATA=${BENCH_DATA:-$TARGET/bench-data}
mkdir -p "$DATA"

echo "== machine"
echo "cores: $(nproc)"
grep -m1 "model name" /proc/cpuinfo || true
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

if [ -z "${SKIP_CRITERION:-}" ]; then
  echo "== criterion: cargo bench -p yibao --bench engine ($RUNS runs)"
  for i in $(seq "$RUNS"); do
    cargo bench -p yibao --bench engine -- --warm-up-time 1 --measurement-time 3 --noplot \
      > "$DATA/criterion-run-$i.txt" 2>&1 || { cat "$DATA/criterion-run-$i.txt"; exit 1; }
    # Each run's medians, read from criterion's own estimates.
    python3 - "$TARGET/criterion" "$DATA/criterion-run-$i.json" <<'EOF'
import json, pathlib, sys
root, out = pathlib.Path(sys.argv[1]), sys.argv[2]
medians = {}
for est in root.glob("*/new/estimates.json"):
    medians[est.parent.parent.name] = json.loads(est.read_text())["median"]["point_estimate"]
json.dump(medians, open(out, "w"), indent=1)
EOF
    echo "run $i done (load $(cut -d' ' -f1 /proc/loadavg))"
  done
  python3 - "$DATA" "$RUNS" <<'EOF'
import json, statistics, sys
data, runs = sys.argv[1], int(sys.argv[2])
per = [json.load(open(f"{data}/criterion-run-{i}.json")) for i in range(1, runs + 1)]
def show(ns):
    return f"{ns:.1f} ns" if ns < 1000 else (f"{ns / 1000:.2f} µs" if ns < 1e6 else f"{ns / 1e6:.2f} ms")
print(f"{'bench':32} {'median of medians':>18}   runs")
for name in sorted(per[0]):
    values = [p[name] for p in per if name in p]
    print(f"{name:32} {show(statistics.median(values)):>18}   " + ", ".join(show(v) for v in values))
EOF
fi

echo "== batch throughput"
cargo build --release -p yibao-cli --quiet
BIN="$TARGET/release/yibao"
for fmt in csv jsonl; do
  if [ ! -s "$DATA/county-$ROWS.$fmt" ]; then
    python3 scripts/gen-county.py --rows "$ROWS" --format "$fmt" -o "$DATA/county-$ROWS.$fmt"
  fi
done
echo "input: $ROWS rows, $(du -h "$DATA/county-$ROWS.csv" | cut -f1) CSV"
for fmt in csv jsonl; do
  cmd="$BIN batch $DATA/county-$ROWS.$fmt -o $DATA/answers.$fmt --household-totals $DATA/households.csv --no-progress"
  echo "-- $fmt: $cmd"
  if command -v hyperfine > /dev/null; then
    hyperfine --warmup 1 --runs "$RUNS" --style basic --export-json "$DATA/batch-$fmt.json" "$cmd" > /dev/null
    python3 - "$DATA/batch-$fmt.json" "$ROWS" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
rows = int(sys.argv[2])
print(f"median {r['median']:.3f} s over {len(r['times'])} runs "
      f"(min {r['min']:.3f}, max {r['max']:.3f}; user {r['user']:.2f} s, system {r['system']:.2f} s): "
      f"{rows / r['median']:,.0f} rows/s")
EOF
  else
    times=()
    for i in $(seq "$RUNS"); do
      start=$(date +%s.%N)
      $cmd 2> /dev/null
      end=$(date +%s.%N)
      times+=("$(echo "$end - $start" | bc)")
    done
    printf '%s\n' "${times[@]}" | python3 -c "
import statistics, sys
t = [float(x) for x in sys.stdin]
m = statistics.median(t)
print(f'median {m:.3f} s over {len(t)} runs: {int(sys.argv[1]) / m:,.0f} rows/s')" "$ROWS"
  fi
done
# The summary of one run, for the record.
"$BIN" batch "$DATA/county-$ROWS.csv" -o "$DATA/answers.csv" --no-progress 2>&1 >/dev/null | head -1
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
