#!/usr/bin/env bash
# Installs the Debian packages symshape needs to build, test and benchmark.
#
# Idempotent and quiet: it asks dpkg which packages are already installed and
# only calls apt-get (update + install) for the missing ones, so running it on a
# ready machine prints nothing and takes well under a second. Works as root, or
# through sudo for other users; fails with a clear message when neither works.
#
# python3-sympy is optional (only the sympy comparison benchmark and an extra
# test oracle use it): it is installed when sympy cannot be imported, and a
# failure to install it is a warning, not an error.
set -euo pipefail

required=(
  cmake ninja-build g++
  libz3-dev z3
  libboost-dev libboost-program-options-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  python3
)
optional=(python3-sympy)
# --ci: also what .ci/run needs beyond the README's commands: clang and its
# compiler-rt (the ASan/UBSan/TSan runtimes and libFuzzer) for the sanitizer,
# fuzz and ThreadSanitizer phases.
if [[ "${1:-}" == "--ci" ]]; then
  required+=(clang libclang-rt-14-dev)
elif [[ $# -gt 0 ]]; then
  echo "usage: scripts/install-deps.sh [--ci]" >&2
  exit 2
fi

is_installed() {
  # "install ok installed" is dpkg's status for a fully installed package; a
  # package that was removed but left its config reads "deinstall ok config-files".
  [[ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null || true)" == "install ok installed" ]]
}

missing=()
for pkg in "${required[@]}"; do
  is_installed "$pkg" || missing+=("$pkg")
done
missing_optional=()
# sympy may come from pip instead of Debian: only ask for the package when the
# module really cannot be imported.
if ! python3 -c 'import sympy' >/dev/null 2>&1; then
  for pkg in "${optional[@]}"; do
    is_installed "$pkg" || missing_optional+=("$pkg")
  done
fi

if [[ ${#missing[@]} -eq 0 && ${#missing_optional[@]} -eq 0 ]]; then
  exit 0
fi

if ! command -v dpkg-query >/dev/null || ! command -v apt-get >/dev/null; then
  echo "install-deps: this script needs a Debian-based system (apt-get, dpkg-query)." >&2
  echo "install-deps: install by hand: ${missing[*]} ${missing_optional[*]}" >&2
  exit 1
fi

if [[ $(id -u) -eq 0 ]]; then
  as_root=()
elif command -v sudo >/dev/null && { sudo -n true 2>/dev/null || [[ -t 0 ]]; }; then
  # sudo without a password, or an interactive terminal where sudo can ask.
  as_root=(sudo)
else
  echo "install-deps: missing packages: ${missing[*]} ${missing_optional[*]}" >&2
  echo "install-deps: not root and sudo is unavailable; run this script as root or install them by hand." >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
echo "install-deps: installing: ${missing[*]} ${missing_optional[*]}" >&2
"${as_root[@]}" apt-get update -qq
if [[ ${#missing[@]} -gt 0 ]]; then
  "${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null || {
    echo "install-deps: apt-get install failed for: ${missing[*]}" >&2
    exit 1
  }
fi
if [[ ${#missing_optional[@]} -gt 0 ]]; then
  "${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing_optional[@]}" >/dev/null ||
    echo "install-deps: warning: could not install ${missing_optional[*]} (optional: sympy benchmark and oracle are skipped)" >&2
fi
# Verify, so a silent apt failure cannot pass for success.
still_missing=()
for pkg in "${missing[@]}"; do
  is_installed "$pkg" || still_missing+=("$pkg")
done
if [[ ${#still_missing[@]} -gt 0 ]]; then
  echo "install-deps: failed to install: ${still_missing[*]}" >&2
  exit 1
fi
