package dev.multitasking.profiling.lesson;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multitasking.profiling.lesson.Profiling_05_WhatWaits.State;
import dev.multitasking.testkit.NoLeakedThreads;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@Timeout(120)
@ExtendWith(NoLeakedThreads.class)
class ProfilingWaitsTest {

    private static final List<State> WAITING = List.of(State.SOCKET, State.MONITOR, State.PARKED, State.SLEEPING);

    /**
     * The claim: the CPU profile barely sees the waits that a wall-clock profile is made of. Samples
     * of waiting states, not times, so the machine's speed does not move it: the program's threads
     * wait nearly all the time (their answers take 20 ms, their locks are held asleep), whatever
     * the CPU.
     */
    @Test
    void aCpuProfileMissesTheWaits_aWallClockProfileIsMadeOfThem(@TempDir Path dir) throws Exception {
        var cpu = Profiling_05_WhatWaits.observe("cpu", dir);
        var wall = Profiling_05_WhatWaits.observe("wall", dir);
        long cpuWaiting = WAITING.stream().mapToLong(cpu.samples()::get).sum();
        long wallWaiting = WAITING.stream().mapToLong(wall.samples()::get).sum();
        assertThat(wallWaiting).as("wall-clock samples in a wait, of %d", wall.totalSamples()).isGreaterThan(wall.totalSamples() * 7 / 10);
        assertThat(cpuWaiting).as("CPU samples in a wait, against the wall-clock profile's %d", wallWaiting).isLessThan(wallWaiting / 5);
        for (State s : WAITING) {
            assertThat(wall.samples().get(s)).as("wall-clock samples " + s.words).isPositive();
        }
    }

    /**
     * Flight Recorder counts every wait of the lesson's threads, so their sums have floors the
     * program sets: 40 requests each wait at least the server's 20 ms, and 8 threads x 25 times
     * sleep at least 2 ms.
     */
    @Test
    void flightRecorderSumsEveryWait_atLeastWhatTheProgramAskedFor(@TempDir Path dir) throws Exception {
        var wall = Profiling_05_WhatWaits.observe("wall", dir);
        assertThat(wall.flight().get(State.SOCKET) / 1_000_000).as("ms reading sockets").isGreaterThanOrEqualTo(40 * 20 * 8 / 10);
        assertThat(wall.flight().get(State.SLEEPING) / 1_000_000).as("ms sleeping").isGreaterThanOrEqualTo(8 * 25 * 2);
        assertThat(wall.flight().get(State.MONITOR)).as("blocked on the monitor").isPositive();
        assertThat(wall.flight().get(State.PARKED)).as("parked on the lock").isPositive();
    }

    @Test
    void state_isReadFromTheDeepestFrameThatSaysIt() {
        String lesson = "dev/multitasking/profiling/lesson/Profiling_05_WhatWaits.";
        assertThat(Profiling_05_WhatWaits.state(lesson + "fetch;sun/nio/ch/NioSocketImpl.read;sun/nio/ch/Net.poll")).isEqualTo(State.SOCKET);
        assertThat(Profiling_05_WhatWaits.state(lesson + "holdLock;java/util/concurrent/locks/LockSupport.park;Unsafe.park")).isEqualTo(State.PARKED);
        assertThat(Profiling_05_WhatWaits.state(lesson + "holdMonitor;java/lang/Thread.sleep;Thread.sleep0")).isEqualTo(State.SLEEPING);
        assertThat(Profiling_05_WhatWaits.state(lesson + "holdMonitor;ObjectMonitor::enter")).isEqualTo(State.MONITOR);
        assertThat(Profiling_05_WhatWaits.state(lesson + "fetch;java/lang/String.indexOf")).isEqualTo(State.RUNNING);
    }
}
