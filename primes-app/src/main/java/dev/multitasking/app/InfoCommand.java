package dev.multitasking.app;

import dev.multitasking.core.Strategies;
import dev.multitasking.core.Strategy;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code primes info}: the machine, the JDK, and the strategies found, with the module that gave each. */
@Command(name = "info",
        mixinStandardHelpOptions = true,
        description = "Shows the machine (cores, memory, OS), the JDK, and every strategy found with the module that gave it.")
final class InfoCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        long memory = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize();
        out.printf("cores     %d%n", Runtime.getRuntime().availableProcessors());
        out.printf("memory    %.1f GiB (this JVM may use up to %.1f GiB)%n", memory / (double) (1L << 30),
                Runtime.getRuntime().maxMemory() / (double) (1L << 30));
        out.printf("os        %s %s (%s)%n", System.getProperty("os.name"), System.getProperty("os.version"), System.getProperty("os.arch"));
        out.printf("jdk       %s (%s), %s%n", Runtime.version(), System.getProperty("java.vendor"), System.getProperty("java.home"));
        out.printf("%nstrategies%n");
        for (Strategy s : Strategies.discover().all()) {
            out.printf("  %-16s %-24s %s%n", s.name(), module(s.getClass()), s.description());
        }
        out.flush();
        return CommandLine.ExitCode.OK;
    }

    /** The module a class comes from: its jar's name without the version, or the module directory when run from classes. */
    static String module(Class<?> c) {
        try {
            Path where = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
            String name = where.getFileName().toString();
            if (name.endsWith(".jar")) {   // multitasking-threads-0.1.0-SNAPSHOT.jar
                return name.replaceFirst("-\\d[^-]*(-SNAPSHOT)?\\.jar$", "").replaceFirst("\\.jar$", "").replaceFirst("^multitasking-", "");
            }
            // .../threads/target/classes
            Path module = where.getParent() != null ? where.getParent().getParent() : null;
            return module != null && module.getFileName() != null ? module.getFileName().toString() : name;
        } catch (URISyntaxException | RuntimeException e) {
            return "?";
        }
    }
}
