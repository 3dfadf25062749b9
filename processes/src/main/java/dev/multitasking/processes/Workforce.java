package dev.multitasking.processes;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The worker JVMs of a {@link ProcessPoolExecutor}: those launched ahead and not yet claimed by a
 * conductor, and every one not yet ended. It launches them, kills those silent past the liveness
 * limit, retires them all when the last conductor ends, and then, once the last JVM has ended,
 * stops the pool's watch and removes the sockets' directory.
 */
final class Workforce implements Conductors.WorkerSupply {

    private static final System.Logger LOG = System.getLogger(ProcessPoolExecutor.class.getName());

    private final WorkerJvm.PoolSettings settings;
    private final AtomicInteger launched = new AtomicInteger();
    /** Workers launched ahead (at construction, or to replace one) and not yet claimed by a conductor. */
    private final ConcurrentLinkedQueue<WorkerJvm> spare = new ConcurrentLinkedQueue<>();
    /** Every worker whose JVM has not yet ended. */
    private final Set<WorkerJvm> live = ConcurrentHashMap.newKeySet();
    /** Set once the conductors have ended (their pool's isTerminated() turns true only after its terminated() hook). */
    private volatile boolean conductorsEnded;

    /** How often the watch checks the workers, in nanoseconds. */
    private final long checkNanos;
    /** When the watch last checked (System.nanoTime), and until when it kills no one; the watch's only. */
    private long lastCheck = System.nanoTime();
    private long graceUntil = lastCheck;

    /** Watches the workers from now on: every quarter of the liveness limit, it kills the unresponsive ones. */
    Workforce(WorkerJvm.PoolSettings settings) {
        this.settings = settings;
        long check = Math.max(10, settings.liveness().toMillis() / 4);
        this.checkNanos = TimeUnit.MILLISECONDS.toNanos(check);
        settings.watch().scheduleWithFixedDelay(this::killSilent, check, check, TimeUnit.MILLISECONDS);
    }

    @Override
    public WorkerJvm take() throws IOException {
        WorkerJvm w = spare.poll();
        return w != null ? w : launch();
    }

    @Override
    public WorkerJvm takeSpare() {
        return spare.poll();
    }

    @Override
    public void launchSpare() throws IOException {
        spare.add(launch());
    }

    /** No conductor is left to use a worker: let every worker end (its socket closes). */
    @Override
    public void conductorsEnded() {
        conductorsEnded = true;
        for (WorkerJvm w; (w = spare.poll()) != null; ) {
            w.retire();
        }
        live.forEach(WorkerJvm::retire);
        endIfDone();
    }

    private WorkerJvm launch() throws IOException {
        WorkerJvm w = WorkerJvm.launch(settings, launched.incrementAndGet());
        live.add(w);
        w.process.completion().whenComplete((result, failure) -> {
            live.remove(w);
            endIfDone();
        });
        return w;
    }

    /** Once no conductor is left and every worker has ended: stop the watch, remove the sockets' directory. */
    private void endIfDone() {
        if (conductorsEnded && live.isEmpty()) {
            settings.watch().shutdownNow();
            try {
                Files.deleteIfExists(settings.socketDirectory());
            } catch (IOException e) {
                // a socket left by a worker that never connected: the directory stays, empty of use
            }
        }
    }

    /**
     * Kills every worker that has work and is unresponsive ({@link WorkerJvm#unresponsive}: silent
     * past the liveness limit, and stopped or making no progress); its conductor sees it end.
     *
     * <p>When this check itself comes late by more than half the limit, it is this JVM that was
     * paused (SIGSTOP, a long collection, a machine that slept), not its workers: their replies
     * and heartbeats wait unread in the sockets. No one is killed for a limit's time after it.
     */
    private void killSilent() {
        long now = System.nanoTime();
        long late = now - lastCheck - checkNanos;
        lastCheck = now;
        if (late > settings.liveness().toNanos() / 2) {
            graceUntil = now + settings.liveness().toNanos();
            LOG.log(System.Logger.Level.INFO, "[{0}] this JVM was paused for about {1} ms: no worker is judged silent for the next {2} ms",
                    settings.poolName(), String.valueOf(TimeUnit.NANOSECONDS.toMillis(late)), String.valueOf(settings.liveness().toMillis()));
            live.forEach(w -> w.resetProgress(now));
        }
        for (WorkerJvm w : live) {
            if (!w.isBusy() || w.wasSilent()) {
                continue;
            }
            w.sample(now);
            if (now - graceUntil >= 0 && w.unresponsive(settings.liveness(), now)) {
                LOG.log(System.Logger.Level.WARNING, "[{0}] worker {1} silent for {2} ms with a task, and {3}: killing it",
                        settings.poolName(), String.valueOf(w.pid()), String.valueOf(w.silentFor().toMillis()), w.why());
                w.killForSilence();
            }
        }
    }

    /** Kills the workers that have work: {@code shutdownNow}. */
    void killBusy() {
        for (WorkerJvm w : live) {
            if (w.isBusy()) {
                w.kill();
            }
        }
    }

    /** Waits until every spare worker has started and said hello (and run the initializer). */
    void awaitSpareReady() throws IOException, InterruptedException {
        for (WorkerJvm w : List.copyOf(spare)) {
            try {
                w.ready();
            } catch (ClassNotFoundException | ExecutionException e) {
                throw new IOException("worker " + w.pid() + " did not get ready", e);
            }
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }

    List<Long> pids() {
        return live.stream().map(WorkerJvm::pid).sorted().toList();
    }

    long cpuNanos() {
        return live.stream().mapToLong(w -> w.process.handle().info().totalCpuDuration().map(d -> d.toNanos()).orElse(0L)).sum();
    }

    int alive() {
        return live.size();
    }

    /** Workers with a frame not yet answered: running a task. */
    int busy() {
        return (int) live.stream().filter(WorkerJvm::isBusy).count();
    }

    /** Judged by the workers' own completion, not by {@code live}, which their completion updates a moment later. */
    boolean noneRunning() {
        return live.stream().noneMatch(w -> w.process.isAlive());
    }

    /** Waits until every worker JVM has ended, or the deadline ({@link System#nanoTime()}) passes. */
    boolean awaitEnd(long deadline) throws InterruptedException {
        for (WorkerJvm w : List.copyOf(live)) {
            try {
                w.ended.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                return false;
            } catch (ExecutionException e) {
                // ended badly, but ended
            }
        }
        return noneRunning();
    }
}
