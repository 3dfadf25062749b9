package dev.multitasking.app;

import java.io.Console;
import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The progress bar of {@code compare} (one step per run) or {@code count} (per segment) on stderr: drawn by progressbar, and only
 * when stderr is a terminal, so a redirected or piped run gets no control characters.
 */
interface Progress extends AutoCloseable {

    Progress NONE = new Progress() {
    };

    default void start(long runs) {
    }

    default void step() {
    }

    /** Wipes the bar's line, so a table line printed next does not land on it. */
    default void clearLine() {
    }

    @Override
    default void close() {
    }

    /** A bar on stderr when this process talks to a terminal; otherwise {@link #NONE}. */
    static Progress onTerminal() {
        return onTerminal("compare", " runs");
    }

    /** A bar named {@code name} counting {@code unit}s, on stderr when this process talks to a terminal. */
    static Progress onTerminal(String name, String unit) {
        return stderrIsATerminal() ? new Bar(System.err, name, unit) : NONE;
    }

    private static boolean stderrIsATerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        // From JDK 22 System.console() is there even when redirected; isTerminal() tells.
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;   // JDK 21: a console means a terminal
        }
    }

    /** The drawn bar; made in {@link #start}, when the total is known. */
    final class Bar implements Progress {
        private final PrintStream err;
        private final String name;
        private final String unit;
        private ProgressBar bar;

        Bar(PrintStream err, String name, String unit) {
            this.err = err;
            this.name = name;
            this.unit = unit;
        }

        @Override
        public synchronized void start(long runs) {
            bar = new ProgressBarBuilder().setTaskName(name).setInitialMax(runs).setStyle(ProgressBarStyle.ASCII)
                    .setConsumer(new ConsoleProgressBarConsumer(err)).setUpdateIntervalMillis(250).setUnit(unit, 1).build();
        }

        @Override
        public synchronized void step() {
            if (bar != null) {
                // Warm-up lasts until steady: the total planned is a minimum, so it grows when reached.
                if (bar.getCurrent() + 1 >= bar.getMax()) {
                    bar.maxHint(bar.getMax() + 1);
                }
                bar.step();
            }
        }

        @Override
        public synchronized void clearLine() {
            if (bar != null) {
                err.print("\r\033[2K");
                err.flush();
            }
        }

        @Override
        public synchronized void close() {
            if (bar != null) {
                bar.close();
                bar = null;
            }
        }
    }
}
