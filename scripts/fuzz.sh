#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/, clang, ASan + UBSan) in build-fuzz/ and
# runs each for SECONDS (default 60) from its committed seed corpus
# (fuzz/corpus/TARGET/). New corpus entries go to build-fuzz/corpus/TARGET/,
# findings to build-fuzz/findings/; any finding fails the script.
#
#   scripts/fuzz.sh [SECONDS]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

seconds=${1:-60}
build_dir=build-fuzz
targets=(fuzz_parse fuzz_fx_reader fuzz_simplify fuzz_minimize fuzz_guard_program)

mkdir -p "$build_dir"
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
  -DSYMSHAPE_FUZZ=ON -DSYMSHAPE_BUILD_TESTS=OFF -DSYMSHAPE_BUILD_BENCH=OFF >"$build_dir/configure.log" 2>&1 ||
  { cat "$build_dir/configure.log" >&2; exit 1; }
cmake --build "$build_dir" --target "${targets[@]}" -j "$(nproc 2>/dev/null || echo 2)"

export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
failed=()
for target in "${targets[@]}"; do
  corpus="$build_dir/corpus/$target"
  findings="$build_dir/findings/$target/"
  mkdir -p "$corpus" "$findings"
  echo "== $target for ${seconds} s"
  if ! "$build_dir/fuzz/$target" -max_total_time="$seconds" -timeout=30 -rss_limit_mb=4096 \
      -artifact_prefix="$findings" -print_final_stats=1 "$corpus" "fuzz/corpus/$target" \
      >"$build_dir/$target.log" 2>&1; then
    failed+=("$target")
    grep -E "FINDING|ERROR|SUMMARY|Test unit written" "$build_dir/$target.log" | head -20 >&2 || true
  fi
  grep -E "stat::number_of_executed_units|stat::new_units_added" "$build_dir/$target.log" | tr '\n' ' '
  echo
done
if ((${#failed[@]})); then
  echo "fuzz: findings in ${failed[*]} (inputs under $build_dir/findings/)" >&2
  exit 1
fi
echo "fuzz: no findings in ${#targets[@]} targets, ${seconds} s each"
