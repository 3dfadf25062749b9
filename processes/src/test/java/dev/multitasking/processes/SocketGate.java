package dev.multitasking.processes;

import dev.multitasking.core.Task;
import dev.multitasking.testkit.ExecutorServiceContract;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The contract's gate for tasks that run in worker JVMs: a loopback server in the test JVM. A
 * blocker connects, says "started", and waits for "go". A connection that closes before "go"
 * was sent is a blocker that was stopped: its worker was killed.
 */
final class SocketGate implements ExecutorServiceContract.Gate {

    /** Runs in a worker: blocks until the gate says go. */
    record BlockOnGate(int port) implements Task<String> {
        @Override
        public String call() throws Exception {
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                OutputStream out = socket.getOutputStream();
                out.write("started\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
                String answer = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8)).readLine();
                if (!"go".equals(answer)) {
                    throw new InterruptedException("the gate closed");
                }
                return "released";
            }
        }
    }

    private final ServerSocket server;
    private final List<Socket> waiting = new CopyOnWriteArrayList<>();
    /** Blockers that were sent "go": their hanging up afterwards is no interruption. */
    private final List<Socket> released = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();
    private int started;                 // guarded by lock
    private boolean opened;              // guarded by lock
    private final AtomicBoolean interrupted = new AtomicBoolean();

    SocketGate() {
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        threads.add(Thread.ofPlatform().name("gate-acceptor").start(this::accept));
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                threads.add(Thread.ofVirtual().name("gate-connection").start(() -> serve(s)));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            if (!"started".equals(in.readLine())) {
                return;
            }
            boolean go;
            synchronized (lock) {
                started++;
                lock.notifyAll();
                go = opened;
                if (!go) {
                    waiting.add(s);
                }
            }
            if (go) {
                send(s);
            }
            // Read until the blocker hangs up: before "go", that means it was stopped.
            if (in.read() < 0 && !released(s)) {
                interrupted.set(true);
            }
        } catch (IOException e) {
            if (!released(s)) {
                interrupted.set(true);
            }
        }
    }

    private boolean released(Socket s) {
        return released.contains(s);
    }

    private void send(Socket s) {
        released.add(s);
        try {
            s.getOutputStream().write("go\n".getBytes(StandardCharsets.UTF_8));
            s.getOutputStream().flush();
        } catch (IOException e) {
            // the blocker is gone already
        }
    }

    @Override
    public Callable<String> blocker() {
        return new BlockOnGate(server.getLocalPort());
    }

    @Override
    public boolean awaitStarted(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        synchronized (lock) {
            while (started < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
        }
        return true;
    }

    @Override
    public int started() {
        synchronized (lock) {
            return started;
        }
    }

    @Override
    public void open() {
        List<Socket> toRelease;
        synchronized (lock) {
            opened = true;
            toRelease = List.copyOf(waiting);
            waiting.clear();
        }
        toRelease.forEach(this::send);
    }

    @Override
    public boolean sawInterruption() {
        return interrupted.get();
    }

    @Override
    public void close() {
        open();
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        for (Thread t : threads) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
