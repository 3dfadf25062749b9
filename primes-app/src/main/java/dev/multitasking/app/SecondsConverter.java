package dev.multitasking.app;

import dev.multitasking.core.NumberText;
import java.util.Locale;
import picocli.CommandLine;

/** Seconds as typed: {@code 20}, {@code 2.5}, or with a unit, {@code 500ms}, {@code 20s}; picocli's one-line error otherwise. */
final class SecondsConverter implements CommandLine.ITypeConverter<Double> {

    @Override
    public Double convert(String text) {
        try {
            String t = text.strip().toLowerCase(Locale.ROOT);
            return NumberText.parseDuration(t.endsWith("s") ? text : text.strip() + "s").toNanos() / 1e9;
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
