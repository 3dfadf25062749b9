package dev.multitasking.core.measure;

/**
 * A run finished, but its results disagree with the workload's oracle: a strategy that lost,
 * duplicated or reordered work. The message is the oracle's verdict.
 */
public final class WrongAnswerException extends Exception {

    private static final long serialVersionUID = 1L;

    public WrongAnswerException(String verdict) {
        super(verdict);
    }
}
