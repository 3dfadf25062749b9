package dev.multitasking.processes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multitasking.core.Task;
import dev.multitasking.core.measure.RoundTrips;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Workers start from the pool's class archive where the class path is all jars, as an installed
 * application's is: a parent JVM on jars made from this build's classes makes three pools one
 * after another, and each says how its worker started.
 */
@Timeout(180)
class ProcessPoolClassArchiveTest {

    @Test
    void theFirstWorkerWritesTheArchive_asItExits_andLaterWorkersStartFromIt(@TempDir Path dir) throws Exception {
        // The classes of this module, its tests and core, wherever the build keeps them: a directory goes
        // into one jar, a jar stays as it is.
        Path jar = dir.resolve("pool.jar");
        List<String> classPath = new java.util.ArrayList<>(List.of(jar.toString()));
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (Class<?> c : List.of(ProcessPoolExecutor.class, Task.class, ArchivedPools.class, org.apache.commons.exec.DefaultExecutor.class)) {
                Path from = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
                if (Files.isDirectory(from)) {
                    addTree(out, from);
                } else {
                    classPath.add(from.toString());
                }
            }
        }
        Path tmp = Files.createDirectory(dir.resolve("tmp"));
        ChildProcess.Result r = ChildProcess.main(ArchivedPools.class)
                .classPath(String.join(java.io.File.pathSeparator, classPath))
                .jvmOptions("-Djava.io.tmpdir=" + tmp)
                .tailLines(20)
                .timeout(Duration.ofSeconds(150))
                .start().await();
        assertThat(r.exitCode()).as("the parent's end; stderr: " + r.stderrTail()).isZero();
        List<String> said = r.stdoutTail();
        String use = ClassArchive.AOT ? "-XX:AOTCache=" : "-XX:SharedArchiveFile=";
        String dump = ClassArchive.AOT ? "-XX:AOTCacheOutput=" : "-XX:ArchiveClassesAtExit=";
        assertThat(said).as("the parent's lines; stderr: " + r.stderrTail()).hasSize(3);
        assertThat(said.get(0)).as("the first pool's worker").contains(dump).doesNotContain(use);
        assertThat(said.get(1)).as("the next pool's; stderr: " + r.stderrTail()).contains(use).doesNotContain(dump);
        assertThat(said.get(2)).as("a pool told to use none").doesNotContain(use).doesNotContain(dump);
        assertThat(String.join("\n", r.stderrTail())).as("what the JVM says as it writes the archive is logged below INFO")
                .doesNotContain("AOTConfiguration").doesNotContain("AOTCache").doesNotContain("SharedArchiveFile");
        try (Stream<Path> archives = Files.list(tmp.resolve("multitasking-cds-" + Files.getAttribute(Path.of("/proc/self"), "unix:uid")))) {
            assertThat(archives.map(p -> p.getFileName().toString()).toList()).singleElement().asString()
                    .startsWith("worker-jdk").endsWith(ClassArchive.AOT ? ".aot" : ".jsa");
        }
    }

    private static void addTree(JarOutputStream out, Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new JarEntry(root.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, out);
                out.closeEntry();
            }
        }
    }

    /** The parent: three pools of one worker, one after another; a line each with its worker's JVM options. */
    static final class ArchivedPools {
        public static void main(String[] args) throws Exception {
            for (boolean archive : new boolean[] {true, true, false}) {
                ProcessPoolExecutor pool = ProcessPoolExecutor.builder().workers(1).classArchive(archive).build();
                try {
                    pool.submit(new RoundTrips.Echo(7)).get();
                    long pid = pool.workerPids().getFirst();
                    System.out.println(String.join(" ", ProcessHandle.of(pid).flatMap(p -> p.info().arguments()).orElse(new String[0])));
                } finally {
                    pool.shutdown();
                    if (!pool.awaitTermination(60, java.util.concurrent.TimeUnit.SECONDS)) {
                        throw new IllegalStateException("the pool did not end");
                    }
                }
            }
        }
    }
}
