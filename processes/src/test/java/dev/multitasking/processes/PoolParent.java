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
}
