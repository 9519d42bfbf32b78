# Sourced by the bench/run_*_bench.sh scripts: configures BUILD_DIR as a
# Release build if it has none yet and builds one benchmark target there.
#   build_bench_target BUILD_DIR TARGET
build_bench_target() {
  local root
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
  if [ ! -f "$1/build.ninja" ]; then
    cmake -S "$root" -B "$1" -G Ninja -DCMAKE_BUILD_TYPE=Release -DSYMSHAPE_BUILD_TESTS=OFF >/dev/null
  fi
  ninja -C "$1" -j2 "$2" >/dev/null
}
