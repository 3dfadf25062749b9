package dev.multitasking.app;

import dev.multitasking.core.NumberText;
import dev.multitasking.app.anchors.Anchors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code primes anchors}: the project against the lecture's Python program and primesieve, written to RESULTS.md. */
@Command(name = "anchors",
        mixinStandardHelpOptions = true,
        description = {"Measures the project against its anchors on this machine and writes the figures as Markdown.",
                "Interleaved, each side once a round: the lecture's Python program and the best Python stack (aiohttp on uvloop, Pool.apply, loky, pebble) when",
                "python3 is there, and primesieve when installed. profiling/run-anchors.sh installs those first."})
final class AnchorsCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--repeat", paramLabel = "RUNS", description = "Rounds per comparison, each side once a round; the median is reported (default: ${DEFAULT-VALUE}).")
    private int repeat = 3;

    @Option(names = "--sieve", paramLabel = "N", description = "N for pi(N) against primesieve, 1e6 to 1e11 (default: ${DEFAULT-VALUE}).")
    private String sieveText = "1e10";

    @Option(names = "--smoke", description = {"Every comparison at a size that only shows it runs (a tenth of the requests, round trips",
            "and streamed tasks; one warm-up run), its figures marked as no result: for CI, not for RESULTS.md."})
    private boolean smoke;

    @Option(names = "--out", paramLabel = "FILE", description = "Where to write (default: ${DEFAULT-VALUE}).")
    private Path out = Path.of("profiling/RESULTS.md");

    @Override
    public Integer call() throws Exception {
        if (repeat < 1 || repeat > 20) {
            throw new ParameterException(spec.commandLine(), "--repeat must be from 1 to 20, got " + repeat);
        }
        long sieve;
        try {
            sieve = NumberText.parseLong(sieveText, "--sieve", 1_000_000, 100_000_000_000L);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        checkOut();
        Anchors.write(repeat, sieve, smoke, out);
        spec.commandLine().getOut().println("wrote " + out);
        return CommandLine.ExitCode.OK;
    }

    /** Before minutes of measuring: the file must be one this process can write. */
    private void checkOut() {
        Path file = out.toAbsolutePath();
        String why = null;
        if (Files.isDirectory(file)) {
            why = "it is a directory";
        } else {
            try {
                Files.createDirectories(file.getParent());
                if (Files.exists(file) ? !Files.isWritable(file) : !Files.isWritable(file.getParent())) {
                    why = "it cannot be written";
                }
            } catch (java.io.IOException | RuntimeException e) {
                why = "its directory cannot be made: " + e.getMessage();
            }
        }
        if (why != null) {
            throw new ParameterException(spec.commandLine(), "--out " + out + " is not a file that can be written (" + why + ")");
        }
    }
}
