"""processpool-04's Python half: the lecture's ProcessPoolExecutor, its worker dying on task 4.

Each task squares its number in 100 ms; the worker given task 4 ends at once (exit code 9).

Prints one line per task, "<n> <square>" or "<n> <ExceptionName>", then "after works" or
"after <ExceptionName>" for one more task submitted once the eight are done.
"""
import os
import time
from concurrent.futures import ProcessPoolExecutor


def square_or_die(n):
    if n == 4:
        os._exit(9)  # the worker process ends on the spot, as the Java worker halts
    time.sleep(0.1)
    return n * n


if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=2) as pool:
        futures = [pool.submit(square_or_die, n) for n in range(1, 9)]
        for n, future in enumerate(futures, start=1):
            try:
                print(n, future.result(), flush=True)
            except Exception as e:
                print(n, type(e).__name__, flush=True)
        try:
            print("after", "works" if pool.submit(square_or_die, 9).result() == 81 else "wrong", flush=True)
        except Exception as e:
            print("after", type(e).__name__, flush=True)
