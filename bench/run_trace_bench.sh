#!/usr/bin/env bash
# Tracing, symshape against PyTorch, in one run: bench_trace (read + propagate
# + check of examples/transformer_block_joint.txt, of the largest graph of
# examples/ and of the public dumps in ../shared/fx-examples/ when present)
# and, when python3-torch is installed, PyTorch 1.13's symbolic make_fx tracing
# the programs those examples/ graphs were recorded from (bench/time_make_fx.py);
# then the per-node ratios. The goal line is for transformer_block_joint.
#
#   bench/run_trace_bench.sh [BUILD_DIR] [extra bench_trace args...]
#
# BUILD_DIR (default: build-release) is configured as a Release build if it has
# none yet; only bench_trace is built. Both sides report CPU time. The two do
# different work per node (make_fx runs Python fake-tensor kernels and records
# the graph; symshape reads the text and checks every annotation too); the
# ratio is nodes per second against nodes per second on the same program.
# bench_trace's "Library was built as DEBUG" warning is about Debian's
# libbenchmark itself (the string is in libbenchmark.so); the symshape
# libraries it links are built here with -O3 -DNDEBUG.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${1:-$ROOT/build-release}
shift || true
source "$ROOT/bench/build_bench_target.sh"
build_bench_target "$BUILD" bench_trace
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

"$BUILD/bench/bench_trace" --benchmark_out="$WORK/cpp.json" --benchmark_out_format=json "$@"
# PyTorch may live in the system Python only (Debian's python3-torch) while
# another python3 comes first on PATH; PYTHON overrides the choice.
if [ -z "${PYTHON:-}" ]; then
  PYTHON=python3
  if ! python3 -c 'import torch' 2>/dev/null && [ -x /usr/bin/python3 ]; then PYTHON=/usr/bin/python3; fi
fi
# One make_fx timing per examples/ graph benchmarked (the dumps in
# fx-examples/ come from programs this repository does not have).
PROGRAMS=$(python3 -c '
import json, sys
names = {b["name"].split("/", 1)[1] for b in json.load(open(sys.argv[1]))["benchmarks"]}
print(" ".join(sorted(n[:-4] for n in names if n.endswith(".txt"))))' "$WORK/cpp.json")
for program in $PROGRAMS; do
  [ -f "$ROOT/examples/$program.txt" ] || continue
  grep -q "\"$program\"" "$ROOT/examples/record_examples.py" || continue
  "$PYTHON" "$ROOT/bench/time_make_fx.py" "$program" > "$WORK/torch-$program.json"
done

python3 - "$WORK" <<'PY'
import glob, json, os, sys
work = sys.argv[1]
cpp = json.load(open(os.path.join(work, "cpp.json")))
torch = {}
for path in glob.glob(os.path.join(work, "torch-*.json")):
    t = json.load(open(path))
    torch[os.path.basename(path)[len("torch-"):-len(".json")]] = t
print()
for b in cpp["benchmarks"]:
    if b.get("error_occurred"):
        print(f"{b['name']}: skipped ({b.get('error_message')})")
        continue
    print(f"{b['name']}: {b['items_per_second']:,.0f} nodes/s, {b['cpu_time'] / 1e6:.2f} ms per run "
          f"({int(b['nodes'])} call nodes, {int(b['mismatches'])} mismatches, {int(b['failures'])} failures, "
          f"{int(b['rounds'])} rounds)")
print()
for program, t in sorted(torch.items()):
    if "skipped" in t:
        print(f"PyTorch make_fx {program}: skipped ({t['skipped']})")
        continue
    print(f"PyTorch {t['torch']} make_fx(tracing_mode='symbolic') {program}: "
          f"{t['nodes_per_second']:,.0f} nodes/s ({t['nodes']} call nodes, {t['seconds'] * 1e3:.1f} ms per trace)")
    whole = next((b for b in cpp["benchmarks"]
                  if b["name"] == f"TraceReadPropagateCheck/{program}.txt" and not b.get("error_occurred")), None)
    if whole:
        ratio = whole["items_per_second"] / t["nodes_per_second"]
        goal = f" (goal >= 100x: {'met' if ratio >= 100 else 'NOT met'})" if program == "transformer_block_joint" else ""
        print(f"  symshape read+propagate+check / PyTorch make_fx, per node: {ratio:.1f}x{goal}")
PY
