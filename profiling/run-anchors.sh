#!/usr/bin/env bash
# Measures the project against its anchors on this machine and writes profiling/RESULTS.md:
# the lecture's Python program (when python3 is there), the best Python stack for each job
# (aiohttp on uvloop, multiprocessing, loky, pebble), primesieve, and the project's strategies.
# It installs what is missing from Debian's packages when it can (root and apt-get); what cannot
# be installed shows as a failed row. Arguments go to `primes anchors` (--repeat N, --sieve N,
# --out FILE).
set -euo pipefail
cd "$(dirname "$0")/.."
missing=()
command -v primesieve >/dev/null 2>&1 || missing+=(primesieve-bin)
# Debian's packages install for Debian's own interpreter, which the anchors use when python3 on
# the PATH (a pyenv, a venv) lacks them.
for pkg in aiohttp uvloop pebble joblib; do
  /usr/bin/python3 -c "import $pkg" >/dev/null 2>&1 || missing+=("python3-$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "anchors: installing ${missing[*]}..." >&2
    timeout 600 apt-get install -y -q "${missing[@]}" >/dev/null 2>&1 \
      || { timeout 300 apt-get update -q >/dev/null 2>&1 && timeout 600 apt-get install -y -q "${missing[@]}" >/dev/null 2>&1; } \
      || echo "anchors: ${missing[*]} did not install; their figures are skipped" >&2
  else
    echo "anchors: missing ${missing[*]} (Debian: apt-get install ${missing[*]}); their figures are skipped" >&2
  fi
fi
# io:10000 holds 10,000 client and 10,000 server sockets open in one JVM at once.
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
exec ./primes anchors "$@"
