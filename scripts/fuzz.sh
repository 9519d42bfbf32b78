#!/usr/bin/env bash
# Runs each libFuzzer target (fuzz/) for SECONDS (default 60) from its
# committed seed corpus (fuzz/corpus/TARGET/). New corpus entries go to
# BUILD_DIR/corpus/TARGET/, findings (crash-*, timeout-*, oom-*, leak-*) to
# BUILD_DIR/findings/TARGET/; any finding fails the script. A finding is
# replayed with `BUILD_DIR/fuzz/TARGET FILE`; turn it into a test in tests/.
#
#   scripts/fuzz.sh [--build-dir DIR] [--parallel N] [SECONDS]
#
# --build-dir DIR  an already configured build with -DSYMSHAPE_FUZZ=ON (clang;
#                  .ci/run uses its sanitizer build, build-asan); only the fuzz
#                  targets are built there. Without it: build-fuzz/, configured
#                  here (clang, RelWithDebInfo, ASan + UBSan + coverage).
# --parallel N     run up to N targets at once (default 1).
# FUZZ_SEED=N      (environment) libFuzzer's -seed, so a run can be repeated;
#                  unset: libFuzzer picks one (printed in TARGET.log).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

build_dir=""
parallel=1
seconds=60
while (($#)); do
  case $1 in
    --build-dir) build_dir=$2; shift 2 ;;
    --parallel) parallel=$2; shift 2 ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) seconds=$1; shift ;;
  esac
done
targets=(fuzz_parse fuzz_fx_reader fuzz_simplify fuzz_minimize fuzz_guard_program)

if [[ -z $build_dir ]]; then
  build_dir=build-fuzz
  mkdir -p "$build_dir"
  cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
    -DSYMSHAPE_FUZZ=ON -DSYMSHAPE_BUILD_TESTS=OFF -DSYMSHAPE_BUILD_BENCH=OFF >"$build_dir/configure.log" 2>&1 ||
    { cat "$build_dir/configure.log" >&2; exit 1; }
fi
cmake --build "$build_dir" --target "${targets[@]}" -j "$(nproc 2>/dev/null || echo 2)"

export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

# One target: its log in BUILD_DIR/TARGET.log, its exit status in TARGET.status.
run_target() {
  local target=$1 corpus="$build_dir/corpus/$1" findings="$build_dir/findings/$1/"
  mkdir -p "$corpus" "$findings"
  local status=0
  "$build_dir/fuzz/$target" -max_total_time="$seconds" -timeout=30 -rss_limit_mb=4096 ${FUZZ_SEED:+-seed="$FUZZ_SEED"} \
    -artifact_prefix="$findings" -print_final_stats=1 "$corpus" "fuzz/corpus/$target" \
    >"$build_dir/$target.log" 2>&1 || status=$?
  echo "$status" >"$build_dir/$target.status"
}

echo "== fuzzing ${#targets[@]} targets, ${seconds} s each, ${parallel} at a time"
running=0
for target in "${targets[@]}"; do
  run_target "$target" &
  running=$((running + 1))
  if ((running >= parallel)); then
    wait -n || true
    running=$((running - 1))
  fi
done
wait

failed=()
for target in "${targets[@]}"; do
  status=$(cat "$build_dir/$target.status")
  stats=$(grep -E "stat::number_of_executed_units|stat::new_units_added" "$build_dir/$target.log" | tr -s ' \n' ' ')
  echo "$target: exit $status; $stats"
  if [[ $status != 0 ]]; then
    failed+=("$target")
    grep -E "ERROR|SUMMARY|Test unit written|runtime error" "$build_dir/$target.log" | head -20 >&2 || true
  fi
done
if ((${#failed[@]})); then
  echo "fuzz: findings in ${failed[*]} (inputs under $build_dir/findings/)" | tee "$build_dir/fuzz-summary.txt" >&2
  exit 1
fi
echo "fuzz: no findings in ${#targets[@]} targets, ${seconds} s each" | tee "$build_dir/fuzz-summary.txt"
