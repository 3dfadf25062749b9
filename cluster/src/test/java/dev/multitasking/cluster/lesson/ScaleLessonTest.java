package dev.multitasking.cluster.lesson;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multitasking.testkit.NoLeakedThreads;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@Timeout(180)
@ExtendWith(NoLeakedThreads.class)
class ScaleLessonTest {

    /**
     * The lesson's claims, with margins wide enough for a noisy machine: a member costs far more
     * to start than a thread, and on the same cores members do not beat threads.
     */
    @Test
    void membersCostSecondsToStart_andOnTheSameCoresDoNotBeatThreads() throws Exception {
        List<Scale_01_UpVersusOut.Row> rows = Scale_01_UpVersusOut.measure(2, "count:1000000:16");
        assertThat(rows).extracting(Scale_01_UpVersusOut.Row::kind).containsExactly("threads", "threads", "members", "members");
        var threads = rows.subList(0, 2);
        var members = rows.subList(2, 4);
        long slowestThreadStart = threads.stream().mapToLong(Scale_01_UpVersusOut.Row::startMillis).max().orElseThrow();
        assertThat(members).allSatisfy(m -> assertThat(m.startMillis()).isGreaterThan(Math.max(500, 10 * slowestThreadStart)));
        double bestThreads = threads.stream().mapToDouble(Scale_01_UpVersusOut.Row::speedup).max().orElseThrow();
        double bestMembers = members.stream().mapToDouble(Scale_01_UpVersusOut.Row::speedup).max().orElseThrow();
        assertThat(bestMembers).isLessThan(bestThreads * 1.25);
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList()).isEmpty();
    }

    /** Round trips come back right (the lesson checks every answer), a cluster's far slower than a thread's. */
    @Test
    void aTaskRoundTrip_fromAClientAndFromAnEmbeddedMember() throws Exception {
        var c = Scale_02_WhatATaskCosts.measure(200);
        assertThat(c.formationMillis()).isPositive();
        assertThat(c.clientMedianMicros()).isPositive().isLessThanOrEqualTo(c.clientP99Micros());
        assertThat(c.embeddedMedianMicros()).isPositive().isLessThanOrEqualTo(c.embeddedP99Micros());
        // The claim: a task on a cluster costs far more than one on a thread (about 100 times; 5 is a wide margin).
        assertThat(c.clientMedianMicros()).isGreaterThan(5 * Math.max(1, c.threadMedianMicros()));
        assertThat(c.processMedianMicros()).isPositive().isLessThanOrEqualTo(c.processP99Micros());
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList()).isEmpty();
    }
}
