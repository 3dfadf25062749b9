package dev.multitasking.processes;

/**
 * A parent JVM for the orphan tests: starts a pool, prints its sockets' directory and its workers' pids, then waits to be
 * killed. With a directory as argument, it first gives one worker a busy task and the other a
 * sleeping one, which mark their start in that directory.
 */
final class PoolParent {

    private PoolParent() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--paused")) {
            paused();
            return;
        }
        ProcessPoolExecutor pool = new ProcessPoolExecutor(2);
        pool.awaitWorkersReady();
        if (args.length > 0) {
            pool.submit(new Tasks.SpinsAfterMarking(args[0]));
            pool.submit(new Tasks.SleepsAfterMarking(args[0]));
        }
        System.out.println(pool.socketDirectory());
        for (long pid : pool.workerPids()) {
            System.out.println(pid);
        }
        System.out.println("ready");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }

    /**
     * For the test that stops this parent: two workers each sleep through a task of 3 s under a
     * 1 s liveness limit; "ready" once both run, then each result or failure on a line, then "done".
     */
    private static void paused() throws Exception {
        try (ProcessPoolExecutor pool = ProcessPoolExecutor.builder().workers(2).liveness(java.time.Duration.ofSeconds(1)).build()) {
            pool.awaitWorkersReady();
            var a = pool.submit(new Tasks.Sleep(3_000));
            var b = pool.submit(new Tasks.Sleep(3_000));
            Thread.sleep(300);
            System.out.println("ready");
            System.out.flush();
            for (var f : java.util.List.of(a, b)) {
                try {
                    System.out.println("ok " + f.get());
                } catch (java.util.concurrent.ExecutionException e) {
                    System.out.println("failed " + e.getCause());
                }
            }
        }
        System.out.println("done");
    }
}
