#!/usr/bin/env bash
# Seeded soundness campaign (issue 11): random guard sets minimized, prove and
# range queries, simplifications and small traced graphs, each checked by
# brute force (see tests/soundness/soundness_campaign.cpp).
#
#   scripts/soundness.sh [--seed N] [--count N] [--build-dir DIR]
#   scripts/soundness.sh --family minimize --case SEED   # rerun one printed case
#
# Prints tried/unsound/unknown/crashed per family; exits nonzero on any
# unsound or crashed case. Same seed and count, same cases.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

build_dir=build
args=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --build-dir) build_dir=$2; shift 2 ;;
    --seed | --count | --family | --case) args+=("$1" "$2"); shift 2 ;;
    *) echo "usage: scripts/soundness.sh [--seed N] [--count N] [--family NAME] [--case SEED] [--build-dir DIR]" >&2
       exit 2 ;;
  esac
done

if [[ ! -f "$build_dir/build.ninja" ]]; then
  cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release >"$build_dir.configure.log" 2>&1 ||
    { cat "$build_dir.configure.log" >&2; exit 1; }
fi
cmake --build "$build_dir" --target soundness_campaign -j "$(nproc 2>/dev/null || echo 2)" >/dev/null
exec "$build_dir/tests/soundness_campaign" "${args[@]}"
