package dev.multitasking.processes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A process of the same user that connects to a worker's socket before the worker does: silent,
 * or with a malformed first frame. The pool drops it and waits on for its worker, which then
 * runs the task. When the worker wins the race to its own socket there is nothing to test, and
 * the test is skipped, not passed.
 */
@Timeout(120)
class ProcessPoolStrangerTest {

    @ParameterizedTest(name = "a stranger that is {0}")
    @ValueSource(strings = {"silent", "garbled"})
    void aStrangerFirstOnAWorkersSocket_isDropped_andTheWorkerStillServes(String kind) throws Exception {
        try (ProcessPoolExecutor pool = ProcessPoolExecutor.builder().workers(1).build()) {
            Optional<SocketChannel> stranger = connectFirst(pool.socketDirectory());
            assumeTrue(stranger.isPresent(), "the worker connected to its socket first");
            try (SocketChannel s = stranger.get()) {
                if (kind.equals("garbled")) {
                    s.write(ByteBuffer.wrap(new byte[] {0, 0, 0, 8, 'n', 'o', 't', ' ', 'o', 'u', 'r', 's'}));
                }
                // Silent: holds the connection open, and says nothing, for longer than the pool waits for a hello.
                assertThat(pool.submit(new Tasks.Square(6)).get(60, TimeUnit.SECONDS)).isEqualTo(36);
            }
        }
    }

    /**
     * The socket directory removed under a long-lived pool (a temporary-file cleaner) and made again
     * by someone else: open to all, or as a link to a directory of theirs. The next worker the pool
     * needs is never started on it: the task fails saying why, and nothing hangs.
     */
    @ParameterizedTest(name = "the socket directory made again {0}")
    @ValueSource(strings = {"open to all", "as a link", "by nobody (absent)"})
    void aSocketDirectoryMadeAgainByAnother_isNeverUsed(String how, @org.junit.jupiter.api.io.TempDir Path theirs) throws Exception {
        try (ProcessPoolExecutor pool = ProcessPoolExecutor.builder().workers(1).build()) {
            assertThat(pool.submit(new Tasks.Square(3)).get(60, TimeUnit.SECONDS)).isEqualTo(9);
            Path dir = pool.socketDirectory();
            // Its worker dies while idle: the next task needs a new worker, and a new socket.
            for (long pid : pool.workerPids()) {
                ProcessHandle worker = ProcessHandle.of(pid).orElseThrow();
                worker.destroyForcibly();
                worker.onExit().get(30, TimeUnit.SECONDS);
            }
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.delete(dir);
            switch (how) {
                case "open to all" -> Files.setPosixFilePermissions(Files.createDirectory(dir),
                        java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
                case "as a link" -> Files.createSymbolicLink(dir, theirs);
                default -> { }
            }
            var next = pool.submit(new Tasks.Square(4));
            if (how.startsWith("by nobody")) {
                assertThat(next.get(60, TimeUnit.SECONDS)).as("made again by the pool, owner-only").isEqualTo(16);
                assertThat(Files.getPosixFilePermissions(dir)).isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
            } else {
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> next.get(60, TimeUnit.SECONDS))
                        .isInstanceOf(java.util.concurrent.ExecutionException.class)
                        .hasMessageContaining("not a private directory: " + dir + (how.equals("as a link") ? " is a link" : " is open to others"));
                try (Stream<Path> files = Files.list(theirs)) {
                    assertThat(files.toList()).as("no socket in their directory").isEmpty();
                }
            }
        }
    }

    /** Connects to the first socket that appears in the directory, before its worker can; empty when the worker was first. */
    private static Optional<SocketChannel> connectFirst(Path dir) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() - deadline < 0) {
            Optional<Path> socket;
            try (Stream<Path> files = Files.list(dir)) {
                socket = files.filter(p -> p.toString().endsWith(".sock")).findFirst();
            } catch (IOException e) {
                socket = Optional.empty();
            }
            if (socket.isPresent()) {
                try {
                    SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX);
                    c.connect(UnixDomainSocketAddress.of(socket.get()));
                    return Optional.of(c);
                } catch (IOException tooLate) {
                    return Optional.empty();
                }
            }
            Thread.onSpinWait();
        }
        return Optional.empty();
    }
}
