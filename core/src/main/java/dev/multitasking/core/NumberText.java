package dev.multitasking.core;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Locale;

/**
 * Numbers and durations as people type them: {@code 1000000}, {@code 1_000_000}, {@code 1e6},
 * {@code 10^6}; {@code 50ms}, {@code 0.2s}, {@code 50} (milliseconds). Errors are
 * {@link IllegalArgumentException}s whose message quotes the text and says what is allowed.
 *
 * <p>What else is accepted, as a user of a shell would expect: spaces around the number (a quoted
 * {@code " 5"}), a leading {@code +}, and a decimal or exponent form whose value is whole
 * ({@code 5.0}, {@code .5e1}). What is refused: digits other than ASCII, and an underscore that
 * is not between two digits ({@code _1}, {@code 1_}, {@code 1__0} reads as a slip, not a number).
 */
public final class NumberText {

    private static final java.util.regex.Pattern MISPLACED_UNDERSCORE = java.util.regex.Pattern.compile("(?<![0-9])_|_(?![0-9])");

    private NumberText() {
    }

    /**
     * A whole number.
     *
     * @throws IllegalArgumentException when it is not one, or lies beyond {@code Long.MAX_VALUE}
     */
    public static long parseLong(String text) {
        requireAscii(text, "a whole number (write 1000000, 1_000_000, 1e6 or 10^6)");
        String stripped = text.strip();
        if (MISPLACED_UNDERSCORE.matcher(stripped).find()) {
            throw new IllegalArgumentException("'" + text + "' is not a whole number: an underscore goes only between two digits (1_000_000)");
        }
        String t = stripped.replace("_", "");
        BigInteger value;
        try {
            int caret = t.indexOf('^');
            if (caret > 0) {
                value = new BigInteger(t.substring(0, caret)).pow(exponent(t.substring(caret + 1), text));
            } else {
                BigDecimal decimal = new BigDecimal(t);
                if (decimal.precision() - decimal.scale() > 19) {   // more digits than any long: don't build it
                    throw new IllegalArgumentException("'" + text + "' is beyond the largest long, " + Long.MAX_VALUE);
                }
                value = decimal.toBigIntegerExact();
            }
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("'" + text + "' is not a whole number (write 1000000, 1_000_000, 1e6 or 10^6)");
        }
        if (value.bitLength() > 63) {
            throw new IllegalArgumentException("'" + text + "' is beyond the largest long, " + Long.MAX_VALUE);
        }
        return value.longValue();
    }

    /**
     * A whole number within {@code [min, max]}.
     *
     * @param what names the number in the error message, e.g. "count:N: N"
     */
    public static long parseLong(String text, String what, long min, long max) {
        long value;
        try {
            value = parseLong(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + ": " + e.getMessage());
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException(what + " must be from " + min + " to " + max + ", got " + text);
        }
        return value;
    }

    /** A duration: {@code 250ms}, {@code 0.5s}, {@code 2s}, or a bare number of milliseconds. */
    public static Duration parseDuration(String text) {
        requireAscii(text, "a duration (write 50ms, 0.2s or 50)");
        String t = text.strip().toLowerCase(Locale.ROOT);
        BigDecimal millis;
        try {
            if (t.endsWith("ms")) {
                millis = new BigDecimal(t.substring(0, t.length() - 2));
            } else if (t.endsWith("s")) {
                millis = new BigDecimal(t.substring(0, t.length() - 1)).movePointRight(3);
            } else {
                millis = new BigDecimal(t);
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a duration (write 50ms, 0.2s or 50)");
        }
        if (millis.signum() < 0) {
            throw new IllegalArgumentException("'" + text + "' is a negative duration");
        }
        if (millis.compareTo(BigDecimal.valueOf(Long.MAX_VALUE / 1_000_000)) > 0) {
            throw new IllegalArgumentException("'" + text + "' is too long a duration");
        }
        return Duration.ofNanos(millis.movePointRight(6).setScale(0, RoundingMode.HALF_UP).longValueExact());
    }

    /**
     * Java's number parsers read any Unicode digit ({@code ١٢٣} and {@code １２３} as 123); a
     * number typed for this program is written in ASCII, and anything else is refused, named
     * with its code point so that the message stays one plain line.
     */
    private static void requireAscii(String text, String what) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                throw new IllegalArgumentException(quote(text) + " is not " + what + ": it holds the character U+"
                        + String.format("%04X", (int) c) + "; write it with ASCII digits");
            }
        }
    }

    /** The text in quotes on one line: control and non-ASCII characters as Java escapes (a backslash, u, four hex digits). */
    public static String quote(String text) {
        StringBuilder b = new StringBuilder("'");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('\'').toString();
    }

    private static int exponent(String e, String text) {
        int k = Integer.parseInt(e);
        if (k < 0 || k > 64) {
            throw new IllegalArgumentException("'" + text + "' has an exponent outside 0..64");
        }
        return k;
    }
}
