#!/usr/bin/env python3
"""What a Python user would pick for each job, measured for the project's anchors.

One measurement per run; prints one line of JSON with "seconds" (the timed runs, wall) and
"cpu_seconds" (their user and system time, this process's and its children's):

    python3 python_stack.py io aiohttp URL N WARMUPS RUNS
        N GETs of URL/request/i, all in flight at once: asyncio on uvloop with aiohttp, one
        connection per request (as the Java client), each answer checked.
    python3 python_stack.py io threads URL N WARMUPS RUNS
        The same with concurrent.futures.ThreadPoolExecutor(max_workers=N) and urllib: a thread
        per request, as the lecture would write it.
    python3 python_stack.py roundtrip POOL TRIPS WARMUPS RUNS
        The round trip of a trivial task (submit, wait for its result) on a warm pool of one
        worker process; "median_micros" and "p99_micros" over the timed trips. POOL is one of futures (concurrent.futures),
        apply (multiprocessing.Pool.apply), loky (inside joblib) or pebble.
    python3 python_stack.py stream POOL N CHUNK WARMUPS RUNS
        N trivial tasks streamed through a warm pool of two worker processes in chunks of CHUNK,
        every result read and checked: POOL is futures (concurrent.futures'
        ProcessPoolExecutor.map(chunksize=CHUNK)) or imap (multiprocessing.Pool.imap_unordered).

Exits with status 3 and a one-line message when a package is missing.
"""
import json
import os
import sys
import time

from primes_lecture import cpu_seconds   # beside this script: the same clock for both programs


def missing(package):
    print("python_stack: " + package + " is not installed (Debian: python3-" + package + ")", file=sys.stderr)
    sys.exit(3)


def io_aiohttp(url, n):
    try:
        import asyncio
        import aiohttp
        import uvloop
    except ImportError as e:
        missing(e.name.split(".")[0])

    async def fetch(session, i):
        async with session.get(url + "/request/" + str(i)) as response:
            body = await response.text()
            if response.status != 200 or body != str(i):
                raise RuntimeError("request " + str(i) + " answered " + str(response.status) + " " + body)

    async def all_at_once():
        connector = aiohttp.TCPConnector(limit=0, force_close=True)
        timeout = aiohttp.ClientTimeout(total=120)
        async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:
            await asyncio.gather(*(fetch(session, i) for i in range(n)))

    def once():
        loop = uvloop.new_event_loop()
        try:
            loop.run_until_complete(all_at_once())
        finally:
            loop.close()
    return once


def io_threads(url, n):
    import concurrent.futures
    import urllib.request

    def fetch(i):
        request = urllib.request.Request(url + "/request/" + str(i), headers={"Connection": "close"})
        with urllib.request.urlopen(request, timeout=120) as response:
            body = response.read().decode()
            if body != str(i):
                raise RuntimeError("request " + str(i) + " answered " + body)

    def once():
        with concurrent.futures.ThreadPoolExecutor(max_workers=n) as ex:
            for f in [ex.submit(fetch, i) for i in range(n)]:
                f.result()
    return once


def trivial(x):
    return x


def stream(kind, n, chunk):
    """A warm pool of two workers: (a function that streams n tasks through it in chunks, close function)."""
    if kind == "futures":
        import concurrent.futures
        ex = concurrent.futures.ProcessPoolExecutor(max_workers=2)
        return (lambda: sum(ex.map(trivial, range(n), chunksize=chunk))), ex.shutdown
    if kind == "imap":
        import multiprocessing
        p = multiprocessing.Pool(2)
        return (lambda: sum(p.imap_unordered(trivial, range(n), chunksize=chunk))), (lambda: (p.close(), p.join()))
    raise SystemExit("unknown stream pool " + kind + "; known: futures, imap")


def pool(kind):
    """A warm pool of one worker process: (submit-and-wait function, close function)."""
    if kind == "futures":
        import concurrent.futures
        ex = concurrent.futures.ProcessPoolExecutor(max_workers=1)
        return (lambda: ex.submit(trivial, 1).result()), ex.shutdown
    if kind == "apply":
        import multiprocessing
        p = multiprocessing.Pool(1)
        return (lambda: p.apply(trivial, (1,))), (lambda: (p.close(), p.join()))
    if kind == "loky":
        try:
            from joblib.externals.loky import get_reusable_executor
        except ImportError:
            missing("joblib")
        ex = get_reusable_executor(max_workers=1)
        return (lambda: ex.submit(trivial, 1).result()), ex.shutdown
    if kind == "pebble":
        try:
            import pebble
        except ImportError:
            missing("pebble")
        p = pebble.ProcessPool(max_workers=1)
        return (lambda: p.schedule(trivial, args=(1,)).result()), (lambda: (p.close(), p.join()))
    raise SystemExit("unknown pool " + kind + "; known: futures, apply, loky, pebble")


def main():
    if len(sys.argv) < 6 or sys.argv[1] not in ("io", "roundtrip", "stream") \
            or len(sys.argv) != {"io": 7, "roundtrip": 6, "stream": 7}[sys.argv[1]]:
        raise SystemExit(__doc__)
    what, kind = sys.argv[1], sys.argv[2]
    warmups, runs = int(sys.argv[-2]), int(sys.argv[-1])
    result = {"what": what, "kind": kind, "python": sys.version.split()[0]}
    if what == "io":
        url, n = sys.argv[3].rstrip("/"), int(sys.argv[4])
        once = {"aiohttp": io_aiohttp, "threads": io_threads}[kind](url, n)
        for _ in range(warmups):
            once()
        seconds = []
        cpu = cpu_seconds()
        for _ in range(runs):
            start = time.perf_counter()
            once()
            seconds.append(time.perf_counter() - start)
        result.update(requests=n, seconds=seconds, cpu_seconds=cpu_seconds() - cpu)
    elif what == "stream":
        n, chunk = int(sys.argv[3]), int(sys.argv[4])
        once, close = stream(kind, n, chunk)
        expected = n * (n - 1) // 2
        try:
            for _ in range(warmups):
                if once() != expected:
                    raise SystemExit("stream: wrong sum")
            seconds = []
            cpu = cpu_seconds()
            for _ in range(runs):
                start = time.perf_counter()
                if once() != expected:
                    raise SystemExit("stream: wrong sum")
                seconds.append(time.perf_counter() - start)
            result.update(tasks=n, chunk=chunk, seconds=seconds)
        finally:
            close()
        result.update(cpu_seconds=cpu_seconds() - cpu)
    else:
        trips = int(sys.argv[3])
        trip, close = pool(kind)
        try:
            for _ in range(warmups * trips):
                trip()
            micros = []
            cpu = cpu_seconds()
            start = time.perf_counter()
            for _ in range(runs * trips):
                t = time.perf_counter()
                trip()
                micros.append((time.perf_counter() - t) * 1e6)
            # Percentiles here, not the trips themselves: a line of 10,000 numbers is past what the
            # caller reads of one line. Rank as the Java side's Summary takes it: min(n - 1, n * p // 100).
            micros.sort()
            n = len(micros)
            result.update(seconds=[time.perf_counter() - start], trips=n,
                          median_micros=micros[min(n - 1, n * 50 // 100)], p99_micros=micros[min(n - 1, n * 99 // 100)])
        finally:
            close()
        # The worker's CPU counts once it has ended and been waited for: after close().
        result.update(cpu_seconds=cpu_seconds() - cpu)
    print(json.dumps(result))
    sys.stdout.flush()
    os._exit(0)   # no interpreter teardown: a pool's atexit handlers are not part of any figure


if __name__ == "__main__":
    main()
