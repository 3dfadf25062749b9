package dev.multitasking.core.futures;

/**
 * One result of {@link Futures#mapUnordered}: the item it was computed from, beside its value,
 * since results come in the order they finish.
 */
public record Mapped<T, R>(T input, R value) {
}
