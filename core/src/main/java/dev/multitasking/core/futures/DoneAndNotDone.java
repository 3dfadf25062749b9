package dev.multitasking.core.futures;

import java.util.Set;
import java.util.concurrent.Future;

/**
 * What {@link Futures#await} found: the futures that were done when it returned, and the rest.
 * Both sets keep the order the futures were given in.
 *
 * @param done    finished: succeeded, failed or cancelled
 * @param notDone still pending or running
 * @param <T>     the futures' value type
 */
public record DoneAndNotDone<T>(Set<Future<T>> done, Set<Future<T>> notDone) {

    public DoneAndNotDone {
        done = java.util.Collections.unmodifiableSet(done);
        notDone = java.util.Collections.unmodifiableSet(notDone);
    }
}
