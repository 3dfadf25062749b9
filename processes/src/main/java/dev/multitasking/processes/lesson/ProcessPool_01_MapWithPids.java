package dev.multitasking.processes.lesson;

import dev.multitasking.core.futures.Futures;
import dev.multitasking.core.futures.ResultIterator;
import dev.multitasking.processes.ProcessPoolExecutor;
import java.util.ArrayList;
import java.util.List;

/**
 * <b>A process pool's {@code map}, each result with the pid that computed it.</b> The lecture's
 * {@code multiprocessing.Pool().map(double, [1, 2, 3, 4, 5])}: the numbers go to worker
 * processes, the doubles come back in input order, and each carries the pid of the worker that
 * computed it. The function is a serializable lambda ({@code TaskFunction}): it travels to the
 * worker JVM as data and runs there.
 *
 * <p>Run: {@code ./primes demo processpool-01}. Sample output (recorded by {@code ./primes demo --record}
 * on a 2-core AMD EPYC (AVX-512), JDK 25.0.3+9-LTS, 2026-12-01):
 * <pre>
 * parent pid 1006
 * 2 from pid 1048
 * 4 from pid 1030
 * 6 from pid 1030
 * 8 from pid 1030
 * 10 from pid 1030
 * </pre>
 */
public final class ProcessPool_01_MapWithPids {

    /** The lesson in one line, which {@code primes demo} prints before running it. */
    static final String CLAIM = "A process pool's map runs each item in a worker JVM: the pids tell which.";

    private ProcessPool_01_MapWithPids() {
    }

    /** A doubled number and the worker that doubled it. */
    record Doubled(int value, long pid) implements java.io.Serializable {
    }

    static List<Doubled> run(List<Integer> numbers, int workers) throws Exception {
        List<Doubled> out = new ArrayList<>();
        try (ProcessPoolExecutor pool = new ProcessPoolExecutor(workers);
             ResultIterator<Doubled> results = Futures.map(pool, (Integer n) -> new Doubled(n * 2, ProcessHandle.current().pid()), numbers, 1)) {
            while (results.hasNext()) {
                out.add(results.next());
            }
        }
        return out;
    }

    public static void main(String[] args) throws Exception {
        System.out.println("parent pid " + ProcessHandle.current().pid());
        for (Doubled d : run(List.of(1, 2, 3, 4, 5), 2)) {
            System.out.println(d.value() + " from pid " + d.pid());
        }
    }
}
