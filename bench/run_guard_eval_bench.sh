#!/usr/bin/env bash
# Benchmark 2 (issue 4) in one run: the C++ evaluators (bench_guard_eval) and
# Python `eval` of the same guards (python_eval_guards.py), then the ratios.
#
#   bench/run_guard_eval_bench.sh [BUILD_DIR] [extra bench_guard_eval args...]
#
# BUILD_DIR (default: build-release) is configured as a Release build if it has
# none yet; only bench_guard_eval is built. Extra arguments go to the benchmark
# binary (e.g. --with-minimize, --benchmark_min_time=1).
#
# Times are CPU time on both sides (the machine may be shared: wall time would
# charge other processes' work to whichever side ran while they did).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${1:-$ROOT/build-release}
shift || true
source "$ROOT/bench/build_bench_target.sh"
build_bench_target "$BUILD" bench_guard_eval
BIN="$BUILD/bench/bench_guard_eval"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

"$BIN" --dump-guards "$WORK/guards.txt"
"$BIN" --benchmark_out="$WORK/cpp.json" --benchmark_out_format=json "$@"
python3 "$ROOT/bench/python_eval_guards.py" "$WORK/guards.txt" > "$WORK/python.json"

python3 - "$WORK/cpp.json" "$WORK/python.json" <<'PY'
import json, sys
cpp = json.load(open(sys.argv[1]))
py = json.load(open(sys.argv[2]))
scale = {"ns": 1.0, "us": 1e3, "ms": 1e6, "s": 1e9}
rows = []
for b in cpp["benchmarks"]:
    if b.get("error_occurred"):
        print(f"{b['name']}: skipped ({b.get('error_message')})")
        continue
    rows.append((b["name"].removeprefix("BM_"), b["cpu_time"] * scale[b["time_unit"]], int(b.get("guards", 0))))
for name in ("raw", "minimal"):
    rows.append((f"Python_eval_{name}", py[name]["ns_per_eval"], py[name]["guards"]))
python_raw = py["raw"]["ns_per_eval"]
print(f"\nCPU time per check (C++: Google Benchmark cpu_time; Python {py['python']}: "
      f"timeit with time.process_time, best of 5), {cpp['context'].get('num_cpus')} cpus")
print(f"{'evaluator':36} {'guards':>6} {'ns/check':>12} {'Python raw / this':>18}")
for name, ns, guards in rows:
    print(f"{name:36} {guards:6d} {ns:12.1f} {python_raw / ns:17.1f}x")
times = {name: ns for name, ns, _ in rows}
program = times.get("Program_minimal")
if program:
    print(f"\nInterpret raw / Program minimal: {times['Interpret_raw'] / program:.1f}x")
    print(f"Interpret minimal / Program minimal: {times['Interpret_minimal'] / program:.1f}x")
    ratio = python_raw / program
    print(f"Python eval raw / Program minimal: {ratio:.1f}x (goal >= 100x: {'met' if ratio >= 100 else 'NOT met'})")
PY
