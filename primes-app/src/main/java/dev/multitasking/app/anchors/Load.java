package dev.multitasking.app.anchors;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine's load average, which a run writes before and after itself and before each section. */
final class Load {

    /** A 1-minute load average above this before the run marks the run as not on an idle machine. */
    static final double IDLE = 0.5;

    private Load() {
    }

    /** The first three fields of {@code /proc/loadavg}, or "unknown" where there is none. */
    static String average() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).strip().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** The 1-minute figure of an {@link #average()}, 0 when unknown. */
    static double oneMinute(String average) {
        try {
            return Double.parseDouble(average.split(" ")[0]);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
