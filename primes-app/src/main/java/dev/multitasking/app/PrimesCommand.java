package dev.multitasking.app;

import dev.multitasking.core.NumberText;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code primes}: the command line of the project. Its subcommands run the lecture's prime problem
 * on every strategy the class path offers and check each answer against an oracle.
 *
 * <p>Exit codes: 0 when everything ran and was verified, 1 when a result was wrong or a task
 * failed, 2 for bad input (one line on stderr, no stack trace).
 */
@Command(name = "primes",
        mixinStandardHelpOptions = true,
        versionProvider = PrimesCommand.Version.class,
        subcommands = {CompareCommand.class, CheckCommand.class, CountCommand.class, InfoCommand.class, DemoCommand.class,
                AnchorsCommand.class, CommandLine.HelpCommand.class},
        description = "Runs the same prime tasks on threads, pools, processes and clusters, and compares them.")
public final class PrimesCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a command is missing; try: primes compare");
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with the project's error handling: one line per bad input, exit 2. */
    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new PrimesCommand());
        // Every numeric option reads numbers as NumberText does: ASCII digits only (picocli's own
        // converters take any Unicode digit, so '-n ١٢٣' meant 123), 1e6 and 1_000 alike.
        CommandLine.ITypeConverter<Integer> ints = text -> (int) number(text, Integer.MIN_VALUE, Integer.MAX_VALUE);
        CommandLine.ITypeConverter<Long> longs = text -> number(text, Long.MIN_VALUE, Long.MAX_VALUE);
        cli.registerConverter(Integer.class, ints).registerConverter(int.class, ints)
                .registerConverter(Long.class, longs).registerConverter(long.class, longs);
        cli.setParameterExceptionHandler((e, args) -> {
            CommandLine failed = e.getCommandLine();
            failed.getErr().println(oneLine(failed.getCommandSpec().qualifiedName() + ": " + e.getMessage()
                    + " (see " + failed.getCommandSpec().qualifiedName() + " --help)"));
            return CommandLine.ExitCode.USAGE;
        });
        cli.setExecutionExceptionHandler((e, failed, parsed) -> {
            if (e instanceof IllegalArgumentException) {
                failed.getErr().println(oneLine(failed.getCommandSpec().qualifiedName() + ": " + e.getMessage()));
                return CommandLine.ExitCode.USAGE;
            }
            failed.getErr().println(oneLine(failed.getCommandSpec().qualifiedName() + ": failed: " + e));
            for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
                if (p.hasMatchedOption("--verbose")) {
                    e.printStackTrace(failed.getErr());
                    break;
                }
            }
            return CommandLine.ExitCode.SOFTWARE;
        });
        return cli;
    }

    private static long number(String text, long min, long max) {
        try {
            return NumberText.parseLong(text, "the number", min, max);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }

    /** A message as one line: a value typed with a newline (or another control character) shows it escaped, never breaks the line. */
    static String oneLine(String message) {
        StringBuilder b = new StringBuilder(message.length());
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            switch (c) {
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (Character.isISOControl(c)) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    /** The version the jar's manifest carries, or "development" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = PrimesCommand.class.getPackage().getImplementationVersion();
            return new String[] {"primes " + (v == null ? "(development build)" : v),
                    "JVM " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"};
        }
    }
}
