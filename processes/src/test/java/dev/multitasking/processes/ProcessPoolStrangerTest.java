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
