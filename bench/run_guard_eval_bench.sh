#!/usr/bin/env bash
# Benchmark 2 (issues 4 and 12) in one run: the C++ evaluators
# (bench_guard_eval: GuardProgram, the compiled-C++ baseline, the interpreter,
# compiling a GuardProgram) and Python `eval` of the same guards
# (python_eval_guards.py), then, per guard set, the ratios, and `g++ -O2 -c`
# of each generated C++ file (measured once here) next to CompileProgram.
#
#   bench/run_guard_eval_bench.sh [BUILD_DIR] [extra bench_guard_eval args...]
#
# BUILD_DIR (default: build-release) is configured as a Release build if it has
# none yet; only bench_guard_eval is built. Extra arguments go to the benchmark
# binary after the defaults below, so they override them (e.g. --with-minimize,
# --benchmark_min_time=1, --benchmark_repetitions=1).
#
# Times are CPU time on both sides (the machine may be shared: wall time would
# charge other processes' work to whichever side ran while they did). By
# default each case runs 5 times in random interleaving and the median counts,
# so that a burst of load on a shared machine hits GuardProgram and the
# compiled C++ alike instead of whichever case happened to run during it.
#
# The Python ratio is Python `eval` of the RAW set a checked set comes from
# (minimal13 and raw370: the 370 raw guards; a recorded set: the list its
# `# raw:` line names) divided by GuardProgram checking the set itself: what a
# cache check costs PyTorch (eval of every raw guard) against what it costs
# with symshape (minimized set, compiled to a GuardProgram).
# With SYMSHAPE_BENCH_ROWS=FILE set (bench/run_all_benches.sh sets it), the
# ratios are also appended to FILE as tab-separated rows for its one table.
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
"$BIN" --benchmark_out="$WORK/cpp.json" --benchmark_out_format=json --benchmark_repetitions=5 \
  --benchmark_enable_random_interleaving=true --benchmark_report_aggregates_only=true "$@" >/dev/null
python3 "$ROOT/bench/python_eval_guards.py" "$WORK/guards.txt" > "$WORK/python.json"
# What PyTorch's compiled guards pay once per guard set: the compiler.
: > "$WORK/gcc.txt"
for f in "$BUILD"/bench/compiled_guards/compiled_guards_*.cpp; do
  name=$(basename "$f" .cpp); name=${name#compiled_guards_}
  [ "$name" = table ] && continue
  start=$(date +%s%N); g++ -std=c++20 -O2 -c "$f" -o "$WORK/$name.o"; end=$(date +%s%N)
  echo "$name $(( (end - start) / 1000 ))" >> "$WORK/gcc.txt"
done

python3 - "$WORK/cpp.json" "$WORK/python.json" "$WORK/gcc.txt" <<'PY'
import json, os, sys
cpp = json.load(open(sys.argv[1]))
py = json.load(open(sys.argv[2]))
rows = []
gcc = dict(line.split() for line in open(sys.argv[3]))
scale = {"ns": 1.0, "us": 1e3, "ms": 1e6, "s": 1e9}
ns, guards = {}, {}
for b in cpp["benchmarks"]:
    if b.get("error_occurred"):
        print(f"{b['name']}: skipped ({b.get('error_message')})")
        continue
    if b.get("aggregate_name", "median") != "median":  # medians of repetitions
        continue
    name = b.get("run_name", b["name"]).removeprefix("BM_")
    ns[name] = b["cpu_time"] * scale[b["time_unit"]]
    guards[name] = int(b.get("guards", 0))
reps = max((int(b.get("repetitions", 1)) for b in cpp["benchmarks"]), default=1)
print(f"\nCPU time per check (C++: Google Benchmark cpu_time, median of {reps} interleaved repetitions; "
      f"Python {py['python']}: timeit with time.process_time, best of 5), "
      f"{cpp['context'].get('num_cpus')} cpus, one run, load average {cpp['context'].get('load_avg')}")
print("PyRaw/Prog = Python eval of the RAW set the checked set comes from (its guard count in parentheses) / "
      "GuardProgram checking the set;\n  Prog/Comp = GuardProgram / the same set as C++ (to_cpp, built with the "
      "project's flags, called through a function pointer); compile: CompileProgram vs g++ -O2 -c of that C++")
# In the order the benchmark lists its sets (random interleaving shuffles the results).
sets = [k for k in py if k != "python" and not k.endswith("_raw") and f"Program/{k}" in ns]
print(f"{'set':26} {'guards':>6} {'Program ns':>10} {'Compiled ns':>11} {'Prog/Comp':>9} "
      f"{'Interp ns':>10} {'Interp/Prog':>11} {'Py raw ns':>16} {'PyRaw/Prog':>10} "
      f"{'CompileProgram us':>17} {'g++ -O2 -c us':>13}")
for s in sets:
    prog, comp = ns[f"Program/{s}"], ns[f"Compiled/{s}"]
    interp = ns[f"Interpret/{s}"]
    raw = py.get(f"{s}_raw", {}).get("ns_per_eval", float("nan"))
    raw_guards = py.get(f"{s}_raw", {}).get("guards", "?")
    compile_us = ns[f"CompileProgram/{s}"] / 1e3
    print(f"{s:26} {guards[f'Program/{s}']:6d} {prog:10.1f} {comp:11.1f} {prog / comp:8.1f}x "
          f"{interp:10.1f} {interp / prog:10.1f}x {f'{raw:.0f} ({raw_guards})':>16} {raw / prog:9.0f}x "
          f"{compile_us:17.1f} {int(gcc.get(s, 0)):13d}")
    print(f"{'':26} goal Program within 3x of Compiled: {'met' if prog <= 3 * comp else 'NOT met'}; "
          f">= 1000x faster than Python eval of the raw set: {'met' if raw >= 1000 * prog else 'NOT met'}")
    rows.append(["guard check", f"{s} ({guards[f'Program/{s}']} guards) vs Python eval of its "
                 f"{py.get(f'{s}_raw', {}).get('guards', '?')} raw guards, ns", f"{prog:,.1f}",
                 f"Python {raw:,.0f}", f"{raw / prog:,.0f}x"])
if "Program/minimal13" in ns and "Interpret/raw370" in ns:
    prog, interp = ns["Program/minimal13"], ns["Interpret/raw370"]
    rows.append(["guard check", "minimal13 vs raw370 interpreted (tree walk), ns", f"{prog:,.1f}",
                 f"interpreter {interp:,.0f}", f"{interp / prog:,.0f}x"])
if os.environ.get("SYMSHAPE_BENCH_ROWS"):
    with open(os.environ["SYMSHAPE_BENCH_ROWS"], "a") as f:
        f.writelines("\t".join(row) + "\n" for row in rows)
for name in ("Evaluate_raw370", "CacheLookup_hit_last_of_8", "Program_minimized_by_symshape"):
    if name in ns:
        print(f"{name}: {ns[name]:.1f} ns")
PY
