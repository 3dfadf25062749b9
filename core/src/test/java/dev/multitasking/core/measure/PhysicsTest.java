package dev.multitasking.core.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The timing oracle on made-up figures: what it must call suspect, and what it must let stand. */
class PhysicsTest {

    private static final long MS = 1_000_000;

    /** Runs of these wall times, each using {@code cpuPerWall} of CPU for its wall time and no JIT. */
    private static Physics.Figure figure(int workers, double cpuPerWall, long... wallMillis) {
        return new Physics.Figure(Arrays.stream(wallMillis)
                .mapToObj(w -> new RunStats("s", workers, 0, w * MS, (long) (w * MS * cpuPerWall), 0, 0)).toList(), workers);
    }

    private static final Physics.Figure SEQUENTIAL = figure(1, 1.0, 392, 344, 406);
    private static final Rounds.Window IDLE = new Rounds.Window(10_000 * MS, 50 * MS, 0, 2, 0.0, 1.0);

    @Test
    void check_aSpeedupAboveTheCores_beyondTheSpread_isSuspect() {
        // The row: 134.8 ms (127.2-136.8) against 392 (343.5-406.4) on 2 cores: 2.90x, where the
        // baseline's spread of 16% leaves room up to 2 x (1 + 0.02 + 0.08).
        TimingVerdict v = Physics.check(figure(2, 2.0, 135, 127, 137), SEQUENTIAL, true, 2, IDLE);
        assertThat(v.sound()).isFalse();
        assertThat(v.detail()).contains("a speedup of 2.90x on 2 workers, above what 2 cores can give (2.20x with the baseline's spread)");
    }

    @Test
    void check_aSpeedupAboveTheWorkers_onMoreCores_isSuspect() {
        TimingVerdict v = Physics.check(figure(2, 2.0, 120, 121, 122), SEQUENTIAL, true, 16, IDLE);
        assertThat(v.detail()).contains("a speedup of 3.24x on 2 workers, above what 2 workers can give");
    }

    @Test
    void check_aSpeedupNearTheCores_withinTheSpread_standsAndSoDoesIoAboveThem() {
        assertThat(Physics.check(figure(2, 2.0, 185, 180, 190), SEQUENTIAL, true, 2, IDLE)).isEqualTo(TimingVerdict.SOUND);
        Physics.Figure tight = figure(1, 1.0, 200, 200, 201);
        assertThat(Physics.check(figure(6, 2.0, 94, 90, 130), tight, true, 2, IDLE).detail())
                .as("a median of 2.13x on 2 cores, however wide the row's own range").contains("a speedup of 2.13x on 6 workers");
        assertThat(Physics.check(figure(32, 0.1, 60, 58, 61), figure(1, 0.1, 1670, 1665, 1672), false, 2, IDLE))
                .as("waiting work is not bounded by the cores").isEqualTo(TimingVerdict.SOUND);
    }

    @Test
    void check_theSameWorkOnFarLessCpuThanTheBaseline_isSuspect() {
        // 2 workers at 1.3x on 260 ms of CPU, where the baseline needed 400.
        Physics.Figure row = figure(2, 1.0, 260, 258, 262);
        TimingVerdict v = Physics.check(row, figure(1, 1.0, 400, 398, 402), true, 2, IDLE);
        assertThat(v.detail()).contains("260 ms of CPU per run for the work the baseline did on 400 ms");
    }

    @Test
    void check_moreCpuThanWallTimesCores_isSuspect_evenForTheBaseline() {
        Physics.Figure clocksDisagree = figure(1, 3.0, 100, 100, 100);
        TimingVerdict v = Physics.check(clocksDisagree, clocksDisagree, true, 2, IDLE);
        assertThat(v.detail()).contains("300 ms of CPU in 100.0 ms of wall time, more than 2 cores have");
    }

    @Test
    void check_timedRunsDuringWhichTheJitCompiled_areSuspect() {
        Physics.Figure compiling = new Physics.Figure(java.util.List.of(
                new RunStats("s", 1, 0, 100 * MS, 150 * MS, 40 * MS, 0),
                new RunStats("s", 1, 0, 100 * MS, 120 * MS, 20 * MS, 0)), 1);
        assertThat(Physics.check(compiling, compiling, true, 2, IDLE).detail())
                .contains("the JIT compiled during 1 of its 2 timed runs (60 ms of their 270 ms of CPU)");
        java.util.List<RunStats> forty = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            forty.add(new RunStats("s", 2, 0, 4 * MS, 8 * MS, i == 7 ? 27 * MS : 0, 0));
        }
        Physics.Figure onceInForty = new Physics.Figure(forty, 2);
        assertThat(Physics.check(onceInForty, onceInForty, true, 2, IDLE))
                .as("one compile of 27 ms over one 4 ms run of forty: the median never saw it").isEqualTo(TimingVerdict.SOUND);
        for (int i = 0; i < 14; i++) {
            forty.set(i, new RunStats("s", 2, 0, 4 * MS, 8 * MS, 2 * MS, 0));
        }
        Physics.Figure aThird = new Physics.Figure(forty, 2);
        assertThat(Physics.check(aThird, aThird, true, 2, IDLE).detail()).as("a third of the runs: it may have moved the median")
                .startsWith("the JIT compiled during 14 of its 40 timed runs");
        Physics.Figure waiting = new Physics.Figure(java.util.List.of(new RunStats("s", 2, 0, 1_600 * MS, 70 * MS, 30 * MS, 0)), 2);
        assertThat(Physics.check(waiting, waiting, false, 2, IDLE)).as("30 ms of 3.2 s of two cores: it took no core from the work")
                .isEqualTo(TimingVerdict.SOUND);
        Physics.Figure shortWait = new Physics.Figure(java.util.List.of(new RunStats("s", 32, 0, 55 * MS, 30 * MS, 25 * MS, 0)), 32);
        assertThat(Physics.check(shortWait, shortWait, false, 2, IDLE)).as("work that waits: a compile beside it takes nothing from it")
                .isEqualTo(TimingVerdict.SOUND);
    }

    @Test
    void check_onABusyMachine_everyRowIsSuspect_withTheShareOthersUsed() {
        Rounds.Window busy = new Rounds.Window(1_000 * MS, 600 * MS, 0, 2, 1.9, 2.1);
        TimingVerdict v = Physics.check(SEQUENTIAL, SEQUENTIAL, true, 2, busy);
        assertThat(v.sound()).isFalse();
        assertThat(v.detail()).isEqualTo("other processes used 30% of the 2 cores during the rounds");
        Rounds.Window stolen = new Rounds.Window(1_000 * MS, 0, 400 * MS, 2, 0, 0);
        assertThat(Physics.busy(stolen)).hasValue("the hypervisor took 20% of the CPUs (steal) during the rounds");
        assertThat(Physics.busy(IDLE)).isEmpty();
        assertThat(Physics.busy(Rounds.Window.NONE)).as("unknown is not busy").isEmpty();
        Rounds.Window short30ms = new Rounds.Window(30 * MS, 20 * MS, 0, 2, 0, 0);
        assertThat(Physics.busy(short30ms)).as("20 ms in 30 ms is two ticks of the machine's counters: not a reading").isEmpty();
    }
}
