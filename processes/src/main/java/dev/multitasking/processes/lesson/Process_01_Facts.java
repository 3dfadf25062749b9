package dev.multitasking.processes.lesson;

import com.sun.security.auth.module.UnixSystem;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

/**
 * <b>Process facts: who am I, and {@code ps -ef | grep <pid>} in Java.</b> A process is a running
 * instance of a program; the JVM running this lesson is one. Python prints
 * {@code os.getpid()}, {@code os.getuid()}, {@code os.getgid()} and {@code os.getcwd()}; Java has
 * {@link ProcessHandle} for the process (pid, parent, command line, start time, CPU time),
 * {@code UnixSystem} for the user and group ids, and {@code user.dir} for the working directory.
 * The lecture then finds itself with {@code ps -ef | grep <pid>}; here
 * {@link ProcessHandle#allProcesses()} does the listing and a filter does the grep.
 *
 * <p>Run: {@code ./primes demo process-01}. Sample output (recorded by {@code ./primes demo --record}
 * on a 2-core AMD EPYC (AVX-512), JDK 25.0.3+9-LTS, 2026-12-01):
 * <pre>
 * process ID: 7398
 * parent process ID: 6735
 * user ID: 0 (root)
 * group ID: 0
 * current directory: /work/main
 * started: 2026-12-01T23:06:23.940Z, CPU so far: 100 ms
 * command: /usr/lib/jvm/temurin-25-jdk-amd64/bin/java -cp /work/main/primes-app/target/primes.jar dev.multitask...
 *
 * ps -ef | grep 7398, in Java:
 * UID          PID    PPID STIME CMD
 * root        7398    6735 23:06 /usr/lib/jvm/temurin-25-jdk-amd64/bin/java -cp /work/main/primes-app/target/primes.jar de...
 * </pre>
 */
public final class Process_01_Facts {

    /** The lesson in one line, which {@code primes demo} prints before running it. */
    static final String CLAIM = "A process is a running program: its pid, parent, user, directory and command line, as ps shows them.";

    private Process_01_Facts() {
    }

    /** What this process knows about itself. */
    record Facts(long pid, Optional<Long> parentPid, long uid, long gid, String user, Path cwd,
                 String command, Optional<Instant> started, Optional<Duration> cpu) {
    }

    static Facts facts() {
        ProcessHandle self = ProcessHandle.current();
        ProcessHandle.Info info = self.info();
        UnixSystem unix = new UnixSystem();
        return new Facts(self.pid(), self.parent().map(ProcessHandle::pid), unix.getUid(), unix.getGid(),
                unix.getUsername(), Path.of(System.getProperty("user.dir")),
                info.commandLine().orElse(info.command().orElse("?")), info.startInstant(), info.totalCpuDuration());
    }

    /** {@code ps -ef | grep <pid>}: the lines, in ps's columns, whose text mentions {@code pid}. */
    static List<String> psGrep(long pid) {
        DateTimeFormatter hhmm = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.systemDefault());
        return ProcessHandle.allProcesses()
                .map(p -> String.format("%-8s %7d %7d %5s %s", p.info().user().orElse("?"), p.pid(),
                        p.parent().map(ProcessHandle::pid).orElse(0L),
                        p.info().startInstant().map(hhmm::format).orElse("?"),
                        p.info().commandLine().orElse(p.info().command().orElse("[" + p.pid() + "]"))))
                .filter(line -> line.contains(String.valueOf(pid)))
                .toList();
    }

    public static void main(String[] args) {
        Facts f = facts();
        System.out.println("process ID: " + f.pid());
        System.out.println("parent process ID: " + f.parentPid().map(String::valueOf).orElse("none"));
        System.out.println("user ID: " + f.uid() + " (" + f.user() + ")");
        System.out.println("group ID: " + f.gid());
        System.out.println("current directory: " + f.cwd());
        System.out.println("started: " + f.started().map(Instant::toString).orElse("?")
                + ", CPU so far: " + f.cpu().map(d -> d.toMillis() + " ms").orElse("?"));
        String command = f.command();
        System.out.println("command: " + (command.length() > 100 ? command.substring(0, 100) + "..." : command));
        System.out.println();
        System.out.println("ps -ef | grep " + f.pid() + ", in Java:");
        System.out.printf("%-8s %7s %7s %5s %s%n", "UID", "PID", "PPID", "STIME", "CMD");
        for (String line : psGrep(f.pid())) {
            System.out.println(line.length() > 120 ? line.substring(0, 120) + "..." : line);
        }
    }
}
