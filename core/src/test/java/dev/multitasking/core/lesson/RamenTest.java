package dev.multitasking.core.lesson;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multitasking.testkit.LessonOutput;
import dev.multitasking.testkit.NoLeakedThreads;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The ramen lessons' claims, in the lecture's terms: minutes and bowls, not milliseconds. */
@Timeout(60)
@ExtendWith(NoLeakedThreads.class)
class RamenTest {

    private static final Duration MINUTE = Duration.ofMillis(15);
    private static final int BOWLS = 6;
    private static Kitchen.Service inSequence;

    @BeforeAll
    static void serveTheBaseline() {
        inSequence = Ramen_01_OneChefInSequence.serve(1, BOWLS, MINUTE);
    }

    @Test
    void oneChefInSequence_eachBowlStartsAfterThePreviousIsServed() {
        assertThat(inSequence.minutes()).isGreaterThanOrEqualTo(BOWLS * Kitchen.BOWL);
        for (int bowl = 2; bowl <= BOWLS; bowl++) {
            int b = bowl;
            double firstStep = inSequence.steps().stream().filter(s -> s.bowl() == b).mapToDouble(Kitchen.Step::start).min().orElseThrow();
            assertThat(firstStep).as("bowl %d starts", b).isGreaterThanOrEqualTo(inSequence.bowlDone(b - 1) - 0.01);
        }
        assertThat(inSequence.steps()).extracting(Kitchen.Step::who).containsOnly("chef-1");
        assertThat(inSequence.bowlsPerHour()).isLessThanOrEqualTo(6.0);
    }

    @Test
    void oneChefOverlappingTheWaits_servesSixBowlsFarSooner_withTheSameOneChef() {
        Kitchen.Service overlapped = Ramen_02_OneChefOverlapsTheWaits.serve(BOWLS, MINUTE);
        // Ideal: about 22 minutes against 60. A wide margin for a busy machine.
        assertThat(overlapped.minutes()).isLessThan(inSequence.minutes() * 0.6);
        assertThat(overlapped.steps()).extracting(Kitchen.Step::who).containsOnly("chef-1", Kitchen.STOVE);
        assertThat(overlapped.timeline()).contains(" stove  |");
    }

    @Test
    void twoChefs_doubleTheThroughputButEachStillWaits() {
        Kitchen.Service two = Ramen_03_TwoChefs.serve(BOWLS, MINUTE);
        assertThat(two.minutes()).isLessThan(inSequence.minutes() * 0.8);   // ideal 0.5
        assertThat(two.steps()).extracting(Kitchen.Step::who).containsOnly("chef-1", "chef-2");
        assertThat(two.timeline()).doesNotContain("stove");
    }

    @Test
    void preparingWhileTheWaterBoils_servesOneBowlSooner_withOneChef_andASecondChefAddsNothingToOneBowl() {
        Kitchen.Service lesson2 = Ramen_02_OneChefOverlapsTheWaits.serve(1, MINUTE);
        Kitchen.Service reordered = Ramen_04_TwoChefsShareTheBowls.serve(1, 1, MINUTE);
        Kitchen.Step boil = step(reordered, "boil");
        Kitchen.Step prepare = step(reordered, "prepare");
        assertThat(prepare.start()).isLessThan(boil.end());   // the two steps of one bowl overlap
        // Ideal: 8 minutes against 10, with the same one chef: the gain is the reordering.
        assertThat(reordered.bowlDone(1)).isLessThan(lesson2.bowlDone(1) - 1);
        Kitchen.Service twoChefs = Ramen_04_TwoChefsShareTheBowls.serve(2, 1, MINUTE);
        assertThat(twoChefs.bowlDone(1)).as("a second chef, one bowl: no sooner").isGreaterThan(reordered.bowlDone(1) - 1);
    }

    @Test
    void aSecondChef_servesSixBowlsSooner() {
        Kitchen.Service oneChef = Ramen_04_TwoChefsShareTheBowls.serve(1, BOWLS, MINUTE);
        Kitchen.Service twoChefs = Ramen_04_TwoChefsShareTheBowls.serve(2, BOWLS, MINUTE);
        assertThat(twoChefs.minutes()).isLessThan(oneChef.minutes() * 0.8);   // ideal: about 11 against 20
        assertThat(twoChefs.steps()).extracting(Kitchen.Step::who).contains("chef-1", "chef-2");
    }

    @Test
    void oneChefOverlapping_approachesTheLecturesMoreThanThreeTimes_overALongerDay() {
        Kitchen.Service day = Ramen_02_OneChefOverlapsTheWaits.serve(30, MINUTE);
        double inSequence = 60.0 / Kitchen.BOWL;
        // The claim: once the shop is full the chef's hands are the limit. So his hands are busy all day
        // but for the first boil, whatever the machine does to the sleeps (a late wake-up lengthens the
        // step and the day alike), and the rate never passes the limit of 20 an hour (3.3x).
        List<Kitchen.Step> hands = day.steps().stream().filter(st -> st.who().startsWith("chef")).toList();
        double busy = hands.stream().mapToDouble(st -> st.end() - st.start()).sum();
        double from = hands.stream().mapToDouble(Kitchen.Step::start).min().orElseThrow();
        double to = hands.stream().mapToDouble(Kitchen.Step::end).max().orElseThrow();
        assertThat(busy / (to - from)).as("the chef's hands busy, from his first step to his last").isGreaterThan(0.9);
        assertThat(day.bowlsPerHour() / inSequence).isLessThanOrEqualTo(Ramen_02_OneChefOverlapsTheWaits.STEADY_BOWLS_PER_HOUR / inSequence + 0.01);
    }

    private static Kitchen.Step step(Kitchen.Service service, String name) {
        return service.steps().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void everyRamenLesson_mainRunsAndPrintsATimeline() {
        String out = LessonOutput.of(() -> Ramen_04_TwoChefsShareTheBowls.main(new String[0]));
        assertThat(out).contains("bowl 6").contains("bowls per hour");
        assertThat(LessonOutput.of(() -> Ramen_01_OneChefInSequence.main(new String[0]))).contains("6 bowls in");
        assertThat(LessonOutput.of(() -> Ramen_02_OneChefOverlapsTheWaits.main(new String[0]))).contains("6 bowls in");
        assertThat(LessonOutput.of(() -> Ramen_03_TwoChefs.main(new String[0]))).contains("6 bowls in");
    }
}
