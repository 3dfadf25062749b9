#!/usr/bin/env python3
"""The lecture's prime program, written out again for this project's anchors.

The same algorithm as the Java `seed` and `count` workloads: is_prime by trial division over
odd divisors up to the integer square root. Runs one workload on one strategy and prints one
line of JSON: {"workload", "strategy", "workers", "seconds", "cpu_seconds", "answer"}; cpu_seconds is
the timed part's user and system time, this process's and its pool's processes', from getrusage. Pool start-up is
inside the timed part, as in the lecture.

    python3 primes_lecture.py seed sequential|threads|processes [workers]
    python3 primes_lecture.py count:2000000:8 sequential|threads|processes [workers]
"""
import concurrent.futures
import json
import math
import os
import resource
import sys
import time

SEED = [112272535095293, 112582705942171, 112272535095293, 115280095190773, 115797848077099, 1099726899285419]


def is_prime(n):
    if n < 2:
        return False
    if n == 2:
        return True
    if n % 2 == 0:
        return False
    sqrt_n = math.isqrt(n)
    for i in range(3, sqrt_n + 1, 2):
        if n % i == 0:
            return False
    return True


def count_range(bounds):
    lo, hi = bounds
    return sum(1 for n in range(lo, hi) if is_prime(n))


def chunks(n, k):
    size = -(-n // k)
    return [(lo, min(n + 1, lo + size)) for lo in range(0, n + 1, size)]


def run(workload, strategy, workers):
    if workload == "seed":
        fn, items, combine = is_prime, SEED, list
    elif workload.startswith("count:"):
        parts = workload.split(":")
        n, k = int(parts[1]), int(parts[2]) if len(parts) > 2 else 8
        fn, items, combine = count_range, chunks(n, k), sum
    else:
        raise SystemExit("unknown workload " + workload + "; known: seed, count:N[:chunks]")
    start = time.perf_counter()
    if strategy == "sequential":
        answer = combine(map(fn, items))
    elif strategy in ("threads", "processes"):
        pool = concurrent.futures.ThreadPoolExecutor if strategy == "threads" else concurrent.futures.ProcessPoolExecutor
        with pool(max_workers=workers) as ex:
            answer = combine(ex.map(fn, items))
    else:
        raise SystemExit("unknown strategy " + strategy + "; known: sequential, threads, processes")
    return time.perf_counter() - start, answer


def cpu_seconds():
    """User and system time of this process and of its ended children (the pool's processes)."""
    total = 0.0
    for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN):
        usage = resource.getrusage(who)
        total += usage.ru_utime + usage.ru_stime
    return total


def main():
    if len(sys.argv) < 3:
        raise SystemExit(__doc__)
    workload, strategy = sys.argv[1], sys.argv[2]
    workers = int(sys.argv[3]) if len(sys.argv) > 3 else os.cpu_count()
    before = cpu_seconds()
    seconds, answer = run(workload, strategy, workers)
    cpu = cpu_seconds() - before
    print(json.dumps({"workload": workload, "strategy": strategy, "workers": workers,
                      "seconds": seconds, "cpu_seconds": cpu, "answer": answer}))


if __name__ == "__main__":
    main()
