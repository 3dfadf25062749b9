#!/usr/bin/env bash
# Measures the project against its anchors on this machine and writes profiling/RESULTS.md:
# the lecture's Python program (when python3 is there), primesieve (installed here when it can
# be: Debian's primesieve-bin), and the project's strategies. Arguments go to `primes anchors`
# (--repeat N, --sieve N, --out FILE).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v primesieve >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "anchors: installing primesieve-bin..." >&2
    timeout 300 apt-get install -y -q primesieve-bin >/dev/null 2>&1 \
      || { timeout 300 apt-get update -q >/dev/null 2>&1 && timeout 300 apt-get install -y -q primesieve-bin >/dev/null 2>&1; } \
      || echo "anchors: primesieve-bin did not install; its figures are skipped" >&2
  else
    echo "anchors: no primesieve (Debian: apt-get install primesieve-bin); its figures are skipped" >&2
  fi
fi
# io:10000 holds 10,000 client and 10,000 server sockets open in one JVM at once.
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
exec ./primes anchors "$@"
