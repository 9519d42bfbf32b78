#!/usr/bin/env bash
# Configures, builds and runs every test with CTest.
#
#   scripts/test.sh                      # Release build in build/ (the README's test command)
#   scripts/test.sh DIR [CMAKE_ARGS...]  # another build dir and configuration, e.g.
#   scripts/test.sh build-asan -DSYMSHAPE_SANITIZE=ON -DSYMSHAPE_BUILD_BENCH=OFF -DCMAKE_BUILD_TYPE=Debug
#
# The last line printed is CTest's count ("100% tests passed, 0 tests failed
# out of N"); the exit code is CTest's.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

build_dir=${1:-build}
shift || true
jobs=$(nproc 2>/dev/null || echo 2)

# Configure quietly (its log is long and rarely interesting); show it on failure.
mkdir -p "$build_dir"
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release "$@" >"$build_dir/configure.log" 2>&1 ||
  { cat "$build_dir/configure.log" >&2; exit 1; }
cmake --build "$build_dir" -j "$jobs"

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
ctest --test-dir "$build_dir" --output-on-failure -j "$jobs" 2>&1 | tee "$log" || status=$?
# CTest ends with "Total Test time"; repeat its count so it closes the output.
summary=$(grep -E 'tests passed, [0-9]+ tests? failed out of [0-9]+' "$log" | tail -n 1 || true)
echo "${summary:-ctest printed no summary (no tests found?)}" | tee "$build_dir/ctest-summary.txt"
if [[ -z "$summary" ]]; then exit 1; fi
exit "$status"
