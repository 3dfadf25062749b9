package dev.multitasking.processes;

/** A parent JVM for the orphan test: starts a pool, prints its workers' pids, then waits to be killed. */
final class PoolParent {

    private PoolParent() {
    }

    public static void main(String[] args) throws Exception {
        ProcessPoolExecutor pool = new ProcessPoolExecutor(2);
        pool.awaitWorkersReady();
        for (long pid : pool.workerPids()) {
            System.out.println(pid);
        }
        System.out.println("ready");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
