package dev.multitasking.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The {@code ./primes} launcher, where it can be run without building: when it finds no JDK 21+. */
@Timeout(60)
class LauncherTest {

    private static final Path LAUNCHER = Path.of("..", "primes").toAbsolutePath().normalize();

    @Test
    void launcher_noJdk21Anywhere_saysSoInOneLineAndExitsTwo(@TempDir Path empty) throws Exception {
        // A 'java' on PATH that answers like Java 17, an empty JAVA_HOME, nothing in the search dirs.
        Path bin = Files.createDirectories(empty.resolve("bin"));
        Path java17 = bin.resolve("java");
        Files.writeString(java17, "#!/bin/sh\necho '    java.specification.version = 17' >&2\n");
        assertThat(java17.toFile().setExecutable(true)).isTrue();

        ProcessBuilder pb = new ProcessBuilder("sh", LAUNCHER.toString(), "compare");
        Map<String, String> env = pb.environment();
        env.put("PATH", bin + ":/usr/bin:/bin");
        env.put("JAVA_HOME", empty.resolve("no-such-jdk").toString());
        env.put("PRIMES_JDK_DIRS", empty.resolve("none").toString());
        env.put("HOME", empty.toString());
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(err.lines()).hasSize(1);
        assertThat(err).contains("needs a JDK 21 or newer");
    }

    @Test
    void launcher_isAPosixShellScript() throws IOException {
        assertThat(Files.readString(LAUNCHER)).startsWith("#!/bin/sh\n");
        assertThat(Files.isExecutable(LAUNCHER)).isTrue();
    }
}
