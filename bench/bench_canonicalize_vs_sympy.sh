#!/usr/bin/env bash
# Issue 2's benchmark in one run: symshape building and canonicalizing a batch
# of typical shape expressions (bench_build, C++) against sympy doing the same
# work on the same batch (sympy_canonicalize.py), then the throughput ratios.
#
#   bench/bench_canonicalize_vs_sympy.sh [BUILD_DIR] [extra bench_build args...]
#
# BUILD_DIR (default: build, the README's Release build) is configured as a
# Release build if it has no build yet; only bench_build is built. Both sides
# report CPU time, so load from other processes on a shared machine does not
# count against either. Goal (issue 2): at least 1000x sympy's throughput.
# With SYMSHAPE_BENCH_ROWS=FILE set (bench/run_all_benches.sh sets it), the
# ratios are also appended to FILE as tab-separated rows for its one table.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${1:-$ROOT/build}
shift || true

if ! python3 -c 'import sympy' 2>/dev/null; then
  echo "bench_canonicalize_vs_sympy: sympy is not installed (scripts/install-deps.sh installs python3-sympy)" >&2
  exit 1
fi
if [[ ! -f "$BUILD/build.ninja" ]]; then
  cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
build_type=$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$BUILD/CMakeCache.txt")
if [[ "$build_type" != Release ]]; then
  echo "bench_canonicalize_vs_sympy: warning: $BUILD is a '$build_type' build; numbers from a non-Release build understate symshape" >&2
fi
cmake --build "$BUILD" --target bench_build >/dev/null
BIN="$BUILD/bench/bench_build"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

"$BIN" --print-exprs >"$WORK/exprs.txt"
"$BIN" --benchmark_out="$WORK/cpp.json" --benchmark_out_format=json "$@"
python3 "$ROOT/bench/sympy_canonicalize.py" "$WORK/exprs.txt" >"$WORK/sympy.json"

python3 - "$WORK/cpp.json" "$WORK/sympy.json" <<'PY'
import json, os, sys
cpp = json.load(open(sys.argv[1]))
py = json.load(open(sys.argv[2]))
rows = []
rate = {}
for b in cpp["benchmarks"]:
    if b.get("run_type", "iteration") != "iteration" or "items_per_second" not in b:
        continue
    # items_per_second is computed from CPU time by Google Benchmark.
    rate[b["name"].removeprefix("BM_").removesuffix("Batch").lower()] = b["items_per_second"]
print(f"\n{py['exprs']} typical shape expressions; CPU time on both sides "
      f"(sympy {py['sympy']} on Python {py['python']}, cache warm, best of 5)")
print(f"{'work':8} {'symshape exprs/s':>18} {'sympy exprs/s':>15} {'ratio':>10}")
ratios = {}
for work in ("build", "parse"):
    if work not in rate:
        print(f"{work:8} (no C++ result)")
        continue
    theirs = py[work]["exprs_per_second"]
    ratios[work] = rate[work] / theirs
    print(f"{work:8} {rate[work]:18,.0f} {theirs:15,.0f} {ratios[work]:9,.0f}x")
    rows.append(["expressions", f"{work} {py['exprs']} typical exprs, exprs/s", f"{rate[work]:,.0f}",
                 f"sympy {theirs:,.0f}", f"{ratios[work]:,.0f}x"])
if os.environ.get("SYMSHAPE_BENCH_ROWS"):
    with open(os.environ["SYMSHAPE_BENCH_ROWS"], "a") as f:
        f.writelines("\t".join(row) + "\n" for row in rows)
if "build" in ratios:
    met = "met" if ratios["build"] >= 1000 else "NOT met"
    print(f"\nsymshape / sympy throughput (build and canonicalize): {ratios['build']:,.0f}x (goal >= 1000x: {met})")
PY
