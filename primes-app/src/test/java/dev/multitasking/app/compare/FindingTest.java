package dev.multitasking.app.compare;

import static dev.multitasking.app.report.ChartsTest.row;
import static org.assertj.core.api.Assertions.assertThat;

import dev.multitasking.core.measure.TimingVerdict;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one-sentence finding, from rows made up here. */
class FindingTest {

    private static final List<Row> ONE_COUNT = dev.multitasking.app.report.ChartsTest.ONE_COUNT;

    @Test
    void finding_namesTheWinner_itsSpeedupAndEfficiency_andWhetherItsLeadIsBeyondTheSpread() {
        assertThat(Finding.of(ONE_COUNT)).isEqualTo("Fastest: jdk-fixed on 2 workers, 52.0 ms, 1.92x sequential at efficiency 0.96; "
                + "the next strategy, virtual (a thread per task), took 60.0 ms: a lead beyond the run-to-run spread (their ranges do not overlap).");
        List<Row> close = List.of(row("sequential", 1, true, 100, 100), row("fixed", 2, true, 100, 52, 56), row("stealing", 2, true, 100, 53, 51));
        assertThat(Finding.of(close)).startsWith("Fastest: stealing on 2 workers").contains("within the run-to-run spread");
        assertThat(Finding.of(List.of(row("sequential", 1, true, 100, 100)))).isEqualTo("Fastest: sequential on 1 worker, 100.0 ms.");
        assertThat(Finding.of(List.of(Row.failed("fixed", 2, "FAILED")))).isEqualTo("No row finished.");
    }

    @Test
    void finding_neverNamesASuspectRow_butSaysItWasFaster() {
        Row superlinear = row("stealing", 2, true, 100, 34, 35, 33).withTiming(TimingVerdict.suspect("a speedup of at least 2.86x"));
        List<Row> rows = List.of(row("sequential", 1, true, 100, 100, 101, 99), superlinear, row("jdk-fixed", 2, true, 100, 52, 53, 51),
                row("fixed", 2, true, 100, 60, 61, 59));
        assertThat(Finding.of(rows)).startsWith("Fastest: jdk-fixed on 2 workers, 52.0 ms, 1.92x sequential at efficiency 0.96 "
                + "(stealing on 2 workers was faster, but its timing is suspect: a speedup of at least 2.86x); the next strategy, fixed");
        assertThat(Finding.of(List.of(superlinear))).startsWith("No winner: every row's timing is suspect");
    }
}
