package dev.multitasking.app;

import dev.multitasking.core.workload.Workload;
import picocli.CommandLine;

/** Workload text to a workload; the parser's message becomes picocli's one-line error. */
final class WorkloadConverter implements CommandLine.ITypeConverter<Workload<?>> {

    @Override
    public Workload<?> convert(String text) {
        try {
            return Workload.parse(text);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
