package dev.multitasking.core.futures;

/** When {@link Futures#await} returns, as in Python's {@code concurrent.futures.wait}. */
public enum ReturnWhen {
    /** As soon as any future is done (succeeded, failed or cancelled). */
    FIRST_COMPLETED,
    /** As soon as any future fails with an exception; when none fails, once all are done. */
    FIRST_EXCEPTION,
    /** Once every future is done. */
    ALL_COMPLETED
}
