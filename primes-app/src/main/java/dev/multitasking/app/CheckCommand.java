package dev.multitasking.app;

import dev.multitasking.core.NumberText;
import dev.multitasking.core.primes.Primes;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code primes check N...}: prime or not, the smallest factor when not, by the method asked for. */
@Command(name = "check",
        mixinStandardHelpOptions = true,
        description = {"Says whether each number is prime, and its smallest factor when it is not.",
                "Numbers may be written 1e15, 10^15 or 1_000_000_000_000_000."})
final class CheckCommand implements Callable<Integer> {

    /** How to decide. */
    enum Method {
        /** The lecture's: every odd divisor up to the square root. */
        TRIAL("trial"),
        /** Deterministic Miller-Rabin for any long; the smallest factor then by trial division. */
        MILLER_RABIN("miller-rabin");

        final String name;

        Method(String name) {
            this.name = name;
        }
    }

    @Spec
    private CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "N", description = "The numbers to check (0 to 9223372036854775807).")
    private List<String> numbers = new ArrayList<>();

    @Option(names = "--method", paramLabel = "METHOD", description = "trial or miller-rabin (default: ${DEFAULT-VALUE}, the fast one).")
    private String method = "miller-rabin";

    @Override
    public Integer call() {
        Method m = switch (method.strip().toLowerCase(Locale.ROOT)) {
            case "trial" -> Method.TRIAL;
            case "miller-rabin" -> Method.MILLER_RABIN;
            default -> throw new ParameterException(spec.commandLine(), "--method must be trial or miller-rabin, got '" + method + "'");
        };
        List<Long> parsed = new ArrayList<>();
        for (String text : numbers) {
            try {
                parsed.add(NumberText.parseLong(text, "N", 0, Long.MAX_VALUE));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        for (long n : parsed) {
            long begin = System.nanoTime();
            long factor = m == Method.TRIAL ? Primes.smallestFactorByTrialDivision(n) : Primes.smallestFactor(n);
            long micros = (System.nanoTime() - begin) / 1_000;
            String verdict = n < 2 ? "is not prime (primes start at 2)"
                    : factor == n ? "is prime" : "is not prime: smallest factor " + factor;
            out.printf("%d %s (%s, %d us)%n", n, verdict, m.name, micros);
        }
        out.flush();
        return CommandLine.ExitCode.OK;
    }
}
