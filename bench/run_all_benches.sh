#!/usr/bin/env bash
# Every benchmark suite in one run, then ONE table of ratios, each measured
# side by side within its suite:
#   expressions   build/parse + canonicalize vs sympy (bench_canonicalize_vs_sympy.sh)
#   minimize      the recorded real guard sets (bench_minimize --real-sets, capped)
#   guard check   minimal GuardProgram vs the raw set interpreted and vs
#                 Python eval of the raw set (run_guard_eval_bench.sh)
#   cache lookup  GuardCache with 1, 8, 64 entries: hit on the last entry and
#                 miss, minimal set vs raw set (bench_cache_lookup)
#   trace         read + propagate + check per node, and the whole pipeline
#                 (capture + aot + minimize) per model, vs PyTorch 1.13
#                 make_fx, when python3-torch is installed (run_trace_bench.sh)
#
#   bench/run_all_benches.sh [BUILD_DIR]
#
# BUILD_DIR (default: build, the README's Release build) is configured as a
# Release build if it has none yet; only the benchmark targets are built. Each
# suite's own output goes to BUILD_DIR/bench-logs/SUITE.log; the suites append
# their ratios as rows (SYMSHAPE_BENCH_ROWS) and this script prints the table.
# Short Google Benchmark times and a 5 s cap per minimized set keep the whole
# run to a few minutes on 2 cores; all times are CPU time.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=$(realpath -m "${1:-$ROOT/build}")
MIN_TIME=${SYMSHAPE_BENCH_MIN_TIME:-0.05}
MINIMIZE_CAP_S=${SYMSHAPE_BENCH_MINIMIZE_CAP_S:-5}
source "$ROOT/bench/build_bench_target.sh"
build_bench_target "$BUILD" bench_cache_lookup
ninja -C "$BUILD" -j2 bench_build bench_minimize bench_guard_eval bench_trace bench_pipeline >/dev/null
LOGS="$BUILD/bench-logs"
mkdir -p "$LOGS"
export SYMSHAPE_BENCH_ROWS="$LOGS/rows.tsv"
: > "$SYMSHAPE_BENCH_ROWS"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# Runs one suite with its output in the log; a failing suite becomes a row
# that says so (the table still prints), never a silent gap.
suite() {
  local name=$1; shift
  echo "running $name ..." >&2
  if ! "$@" >"$LOGS/$name.log" 2>&1; then
    printf '%s\tfailed (see %s)\t\t\t\n' "$name" "$LOGS/$name.log" >> "$SYMSHAPE_BENCH_ROWS"
  fi
}

suite expressions "$ROOT/bench/bench_canonicalize_vs_sympy.sh" "$BUILD" --benchmark_min_time="$MIN_TIME"
suite minimize "$BUILD/bench/bench_minimize" --real-sets --cap-s="$MINIMIZE_CAP_S"
suite guard_check "$ROOT/bench/run_guard_eval_bench.sh" "$BUILD" --benchmark_min_time="$MIN_TIME"
suite cache_lookup "$BUILD/bench/bench_cache_lookup" --benchmark_min_time="$MIN_TIME" \
  --benchmark_out="$WORK/cache.json" --benchmark_out_format=json
suite trace "$ROOT/bench/run_trace_bench.sh" "$BUILD" --benchmark_min_time="$MIN_TIME"

python3 - "$LOGS/minimize.log" "$WORK/cache.json" "$SYMSHAPE_BENCH_ROWS" <<'PY'
import json, os, sys
minimize_log, cache_json, rows_path = sys.argv[1:]
rows = [line.rstrip("\n").split("\t") for line in open(rows_path) if line.strip()]

# bench_minimize --real-sets: "set guards kept time_ms queries z3 unknown".
for line in open(minimize_log).read().splitlines()[1:]:
    cols = line.split()
    if len(cols) == 7:
        name, guards, kept, ms, queries, z3, unknown = cols
        rows.append(["minimize", f"{name}: kept of raw guards ({queries} queries, {z3} to Z3), ms",
                     f"{kept} in {float(ms):,.0f}", f"{guards} raw", f"{int(guards) / max(int(kept), 1):,.1f}x fewer"])
    elif len(cols) >= 2 and "stopped" in line:
        rows.append(["minimize", f"{cols[0]}: stopped at the cap", "-", f"{cols[1]} raw", "-"])

# bench_cache_lookup: minimal13 against raw370 in the same cache shape.
if os.path.exists(cache_json):
    ns = {}
    scale = {"ns": 1.0, "us": 1e3, "ms": 1e6, "s": 1e9}
    for b in json.load(open(cache_json))["benchmarks"]:
        if not b.get("error_occurred"):
            ns[b["name"].removeprefix("BM_CacheLookup")] = b["cpu_time"] * scale[b["time_unit"]]
    for kind, what in (("HitLast", "hit on the last"), ("Miss", "miss")):
        for n in (1, 8, 64):
            mine, raw = ns.get(f"{kind}/minimal13/{n}"), ns.get(f"{kind}/raw370/{n}")
            if mine and raw:
                rows.append(["cache lookup", f"{what} of {n} entries, minimal13 vs raw370, ns",
                             f"{mine:,.0f}", f"raw set {raw:,.0f}", f"{raw / mine:,.1f}x"])

if not any(r[0] == "trace" for r in rows):
    rows.append(["trace", "make_fx side skipped (python3-torch not installed?)", "", "", ""])
order = ["expressions", "minimize", "guard check", "guard_check", "cache lookup", "cache_lookup", "trace"]
rows.sort(key=lambda r: order.index(r[0]) if r[0] in order else len(order))
header = ["suite", "measure", "symshape", "baseline", "ratio"]
widths = [max(len(r[i]) if i < len(r) else 0 for r in rows + [header]) for i in range(5)]
fmt = lambda r: " | ".join((r[i] if i < len(r) else "").ljust(widths[i]) for i in range(5)).rstrip()
print(fmt(header))
print("-+-".join("-" * w for w in widths))
for r in rows:
    print(fmt(r))
PY
echo "(each suite's full output: $LOGS/)"
