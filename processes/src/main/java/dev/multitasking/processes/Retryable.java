package dev.multitasking.processes;

/**
 * A task that says it may run again when its worker dies under it: one that is idempotent, or
 * whose effects are its value alone. A {@link ProcessPoolExecutor} gives such a task to a fresh
 * worker up to {@link #retries()} more times when its worker crashes or freezes during it (Dask's
 * {@code allowed-failures}, Ray's task retries); its own exception, its time limit, a cancel or a
 * frame it forged are never retried. When the last try dies too, the task fails with a
 * {@link WorkerCrashedException} (or {@link WorkerUnresponsiveException}) that counts the tries.
 *
 * <pre>{@code
 * record Fetch(String url) implements Task<String>, Retryable {
 *     public String call() throws IOException { ... }
 *     public int retries() { return 2; }
 * }
 * }</pre>
 */
public interface Retryable {

    /** How many more workers it may be given after the first dies under it; 0 to 10. */
    int retries();

    /** The most retries a task may ask for: a task that kills every worker should not take the pool down with it for long. */
    int MAX_RETRIES = 10;
}
