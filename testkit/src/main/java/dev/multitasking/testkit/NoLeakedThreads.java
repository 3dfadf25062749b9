package dev.multitasking.testkit;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test that leaves a platform thread running: every thread alive after the test that was
 * not alive before it must end within a few seconds. Daemons that the JDK and JUnit start once and
 * share (virtual-thread carriers and pollers, the common pool, JUnit's timeout watcher) are not
 * the test's and are ignored; a pool's daemon workers are not.
 */
public final class NoLeakedThreads implements BeforeEachCallback, AfterEachCallback {

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(NoLeakedThreads.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        context.getStore(NS).put("before", Thread.getAllStackTraces().keySet());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        @SuppressWarnings("unchecked")
        Set<Thread> before = (Set<Thread>) context.getStore(NS).get("before");
        await("threads started by the test to end").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).pollInSameThread()
                .untilAsserted(() -> org.assertj.core.api.Assertions.assertThat(leaked(before)).as("threads left running").isEmpty());
    }

    /** Names of threads alive now that were not alive before, minus the JDK's own daemons. */
    public static Set<String> leaked(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && !before.contains(t))
                .filter(t -> !(t.isDaemon() && isJdkDaemon(t)) && !t.getName().startsWith("junit-"))
                .map(Thread::getName)
                .collect(Collectors.toSet());
    }

    /** Daemons that the JDK or JUnit start once and keep: shared, not owned by any test. */
    private static boolean isJdkDaemon(Thread t) {
        String name = t.getName();
        return t.getClass().getName().equals("jdk.internal.misc.CarrierThread")   // virtual threads' carriers
                || name.startsWith("VirtualThread-") || name.endsWith("-delayScheduler")
                || name.equals("MasterPoller") || name.endsWith("-Poller")   // virtual threads' I/O pollers
                || name.startsWith("ForkJoinPool.commonPool")
                || name.startsWith("Common-Cleaner") || name.startsWith("process reaper")
                || name.startsWith("Attach Listener") || name.startsWith("surefire-")
                || name.startsWith("JFR ");   // Flight Recorder's threads, started with the first recording, kept for the JVM's life
    }
}
