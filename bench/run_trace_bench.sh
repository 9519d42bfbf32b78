#!/usr/bin/env bash
# Tracing, symshape against PyTorch, in one run: bench_trace (read + propagate
# + check of examples/transformer_block_joint.txt) and, when python3-torch is
# installed, PyTorch 1.13's symbolic make_fx tracing the program that graph
# was recorded from (bench/time_make_fx.py); then the per-node ratio.
#
#   bench/run_trace_bench.sh [BUILD_DIR] [extra bench_trace args...]
#
# BUILD_DIR (default: build-release) is configured as a Release build if it has
# none yet; only bench_trace is built. Both sides report CPU time. The two do
# different work per node (make_fx runs Python fake-tensor kernels and records
# the graph; symshape reads the text and checks every annotation too); the
# ratio is nodes per second against nodes per second on the same program.
# With SYMSHAPE_BENCH_ROWS=FILE set (bench/run_all_benches.sh sets it), the
# ratios are also appended to FILE as tab-separated rows for its one table.
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
"$PYTHON" "$ROOT/bench/time_make_fx.py" transformer_block_joint > "$WORK/torch.json"

python3 - "$WORK/cpp.json" "$WORK/torch.json" <<'PY'
import json, os, sys
cpp = json.load(open(sys.argv[1]))
torch = json.load(open(sys.argv[2]))
print()
for b in cpp["benchmarks"]:
    if b.get("error_occurred"):
        print(f"{b['name']}: skipped ({b.get('error_message')})")
        continue
    print(f"{b['name']}: {b['items_per_second']:,.0f} nodes/s ({int(b['nodes'])} call nodes, "
          f"{int(b['mismatches'])} mismatches, {int(b['failures'])} failures, {int(b['rounds'])} rounds)")
if "skipped" in torch:
    print(f"PyTorch make_fx: skipped ({torch['skipped']})")
    sys.exit(0)
print(f"PyTorch {torch['torch']} make_fx(tracing_mode='symbolic') {torch['program']}: "
      f"{torch['nodes_per_second']:,.0f} nodes/s ({torch['nodes']} call nodes, {torch['seconds'] * 1e3:.1f} ms per trace)")
whole = next((b for b in cpp["benchmarks"] if b["name"].startswith("TraceReadPropagateCheck") and not b.get("error_occurred")), None)
if whole:
    ratio = whole["items_per_second"] / torch["nodes_per_second"]
    if os.environ.get("SYMSHAPE_BENCH_ROWS"):
        with open(os.environ["SYMSHAPE_BENCH_ROWS"], "a") as f:
            f.write("\t".join(["trace", f"{torch['program']} read+propagate+check vs make_fx, nodes/s",
                                 f"{whole['items_per_second']:,.0f}",
                                 f"make_fx {torch['nodes_per_second']:,.0f}", f"{ratio:,.1f}x"]) + "\n")
    print(f"symshape read+propagate+check / PyTorch make_fx, per node: {ratio:.1f}x "
          f"(goal >= 100x: {'met' if ratio >= 100 else 'NOT met'})")
PY
