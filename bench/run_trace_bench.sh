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
# Then the whole pipeline on that model (bench_pipeline: capture of the
# forward graph, aot of the joint graph, minimize) against make_fx producing
# the joint graph alone: milliseconds per model.
# With SYMSHAPE_BENCH_ROWS=FILE set (bench/run_all_benches.sh sets it), the
# ratios are also appended to FILE as tab-separated rows for its one table.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${1:-$ROOT/build-release}
shift || true
source "$ROOT/bench/build_bench_target.sh"
build_bench_target "$BUILD" bench_trace
build_bench_target "$BUILD" bench_pipeline
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

"$BUILD/bench/bench_trace" --benchmark_out="$WORK/cpp.json" --benchmark_out_format=json "$@"
"$BUILD/bench/bench_pipeline" --benchmark_filter=PipelineCompile --benchmark_out="$WORK/pipeline.json" \
  --benchmark_out_format=json "$@"
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
        if program == "transformer_block_joint" and os.environ.get("SYMSHAPE_BENCH_ROWS"):
            with open(os.environ["SYMSHAPE_BENCH_ROWS"], "a") as f:
                f.write("\t".join(["trace", f"{program} read+propagate+check vs make_fx, nodes/s",
                                     f"{whole['items_per_second']:,.0f}",
                                     f"make_fx {t['nodes_per_second']:,.0f}", f"{ratio:,.1f}x"]) + "\n")

# The whole pipeline per model against make_fx producing the joint graph alone.
pipeline = json.load(open(os.path.join(work, "pipeline.json")))
scale = {"ns": 1e-6, "us": 1e-3, "ms": 1.0, "s": 1e3}
for program, t in sorted(torch.items()):
    if "skipped" in t or not program.endswith("_joint"):
        continue
    model = program.removesuffix("_joint")
    compile_ms = next((b["cpu_time"] * scale[b["time_unit"]] for b in pipeline["benchmarks"]
                       if b.get("label") == model and not b.get("error_occurred")), None)
    if not compile_ms:
        continue
    torch_ms = t["seconds"] * 1e3
    print(f"pipeline {model} (capture forward + aot joint + minimize): {compile_ms:.1f} ms; "
          f"make_fx of the joint alone: {torch_ms:.1f} ms ({torch_ms / compile_ms:.1f}x)")
    if os.environ.get("SYMSHAPE_BENCH_ROWS"):
        with open(os.environ["SYMSHAPE_BENCH_ROWS"], "a") as f:
            f.write("\t".join(["trace", f"{model} whole pipeline vs make_fx of the joint alone, ms per model",
                                 f"{compile_ms:,.1f}", f"make_fx {torch_ms:,.1f}", f"{torch_ms / compile_ms:,.1f}x"]) + "\n")
PY
