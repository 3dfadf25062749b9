package dev.multitasking.processes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.multitasking.core.Span;
import dev.multitasking.core.Spanned;
import dev.multitasking.core.Timed;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.NotSerializableException;
import java.io.StreamCorruptedException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

class FramesTest {

    private final Frames.Encoder encoder = new Frames.Encoder();
    private final Frames.Decoder decoder = new Frames.Decoder();

    @Test
    void everyFrameStandsAlone_anyDecoderReadsIt_inAnyOrder() throws Exception {
        byte[] first = encoder.encode(new Tasks.Square(3));
        byte[] second = encoder.encode(List.of("a", 1L));
        assertThat(new Frames.Decoder().decode(second)).isEqualTo(List.of("a", 1L));
        assertThat(new Frames.Decoder().decode(first)).isEqualTo(new Tasks.Square(3));
        assertThat(decoder.decode(first)).isEqualTo(new Tasks.Square(3));
        assertThat(decoder.decode(first)).isEqualTo(new Tasks.Square(3));
    }

    @Test
    void anObjectSentTwice_arrivesTwice_notAsTheSameReference() throws Exception {
        List<Integer> shared = new ArrayList<>(List.of(1));
        Object a = decoder.decode(encoder.encode(shared));
        shared.add(2);
        Object b = decoder.decode(encoder.encode(shared));
        assertThat(a).isEqualTo(List.of(1)).isNotSameAs(b);
        assertThat(b).isEqualTo(List.of(1, 2));
    }

    @Test
    void plainValues_travelAsThemselves_inAFewBytes() throws Exception {
        for (Object v : Arrays.asList(null, true, false, 7, Integer.MIN_VALUE, 7L, Long.MAX_VALUE)) {
            byte[] frame = encoder.value(7, v);
            assertThat(frame.length).as("a tag, the task's id, the value's tag and at most 8 bytes").isLessThanOrEqualTo(18);
            Frames.Reply reply = decoder.reply(frame);
            assertThat(reply.value()).isEqualTo(v);
            assertThat(reply.failure()).isNull();
        }
        Frames.Hello hello = decoder.hello(encoder.hello(1234, new byte[] {1, 2, 3}));
        assertThat(hello.pid()).isEqualTo(1234);
        assertThat(hello.token()).containsExactly(1, 2, 3);
        assertThat(decoder.reply(Frames.heartbeat())).isSameAs(Frames.Reply.HEARTBEAT);
        assertThat(decoder.reply(encoder.failure(7, new IllegalStateException("no"))).failure())
                .isInstanceOf(IllegalStateException.class).hasMessage("no");
    }

    @Test
    void theStrategiesWrappers_travelAsTheirFields_aroundTheirValue() throws Exception {
        Spanned<Integer> task = new Spanned<>(41, new Tasks.Square(9));
        byte[] request = encoder.encode(task);
        assertThat(decoder.decode(request)).isEqualTo(task);

        Timed<Long> result = new Timed<>(123L, new Span(41, 4242, "main", 1_000, 2_500));
        byte[] reply = encoder.value(7, result);
        assertThat(reply.length).as("no serialization: tags, span fields, the long").isLessThan(60);
        assertThat(decoder.reply(reply).value()).isEqualTo(result);

        Timed<List<String>> carrying = new Timed<>(List.of("a", "b"), new Span(0, 1, "w", 5, 5));
        assertThat(decoder.reply(encoder.value(7, carrying)).value()).isEqualTo(carrying);
        Timed<Object> unspanned = new Timed<>(null, null);
        assertThat(decoder.reply(encoder.value(7, unspanned)).value()).isEqualTo(unspanned);
    }

    @Test
    void anArrayLongerThanItsFrame_isRefusedBeforeItIsAllocated_andTheNextFrameIsReadCleanly() throws Exception {
        byte[] frame = encoder.encode(new int[] {1, 2, 3});
        // The array's length is the int before its three values: claim 200 million (800 MB), well inside the
        // pool's 256 MiB frame limit, in a frame of a few dozen bytes.
        java.nio.ByteBuffer.wrap(frame).putInt(frame.length - 3 * Integer.BYTES - Integer.BYTES, 200_000_000);
        assertThatThrownBy(() -> decoder.decode(frame)).isInstanceOf(InvalidClassException.class)
                .hasMessage("refused by the pool's filter: an array of 200000000 elements in a frame of " + frame.length
                        + " bytes (each element takes at least one)");
        assertThat((int[]) decoder.decode(encoder.encode(new int[] {1, 2, 3}))).containsExactly(1, 2, 3);
    }

    @Test
    void replies_andReceipts_carryTheirTasksId() throws Exception {
        byte[] task = encoder.task(0x0102030405060708L, new Tasks.Square(4));
        assertThat(Frames.taskId(task)).isEqualTo(0x0102030405060708L);
        assertThat(decoder.task(task)).isEqualTo(new Tasks.Square(4));
        assertThat(Frames.taskId(new byte[3])).isEqualTo(Frames.NO_TASK);
        Frames.Reply receipt = decoder.reply(Frames.received(-5));
        assertThat(receipt.isReceipt()).isTrue();
        assertThat(receipt.task()).isEqualTo(-5);
        assertThat(decoder.reply(encoder.value(42, 16)).task()).isEqualTo(42);
        assertThat(decoder.reply(encoder.failure(43, new IllegalStateException("no"))).task()).isEqualTo(43);
        assertThatThrownBy(() -> decoder.reply(new byte[] {'R', 1, 2})).as("a receipt too short for its id").isInstanceOf(IOException.class);
    }

    @Test
    void aTimedWithASpanThatEndsBeforeItStarts_isRefused_andTheNextFrameIsReadCleanly() throws Exception {
        byte[] good = encoder.value(7, new Timed<>(1L, new Span(0, 1, "w", 5, 9)));
        byte[] bad = good.clone();
        int endAt = good.length - Long.BYTES - 1 - Long.BYTES;   // the span's end, before the value's tag and long
        java.nio.ByteBuffer.wrap(bad).putLong(endAt, 1);
        Frames.Reply refused = decoder.reply(bad);
        assertThat(refused.task()).as("still the reply to its task").isEqualTo(7);
        assertThat(refused.failure()).isInstanceOf(StreamCorruptedException.class).hasMessageContaining("bad span");
        assertThat(decoder.reply(good).value()).isEqualTo(new Timed<>(1L, new Span(0, 1, "w", 5, 9)));
    }

    @Test
    void aRejectedFrame_throws_andTheNextFrameIsReadCleanly() throws Exception {
        assertThatThrownBy(() -> decoder.decode(encoder.encode(new Tasks.Smuggles(new ObjectName("d:type=x")))))
                .isInstanceOf(InvalidClassException.class).hasMessageContaining("class javax.management.ObjectName is not admitted");
        assertThat(decoder.decode(encoder.encode(new Tasks.Square(5)))).isEqualTo(new Tasks.Square(5));
    }

    @Test
    void aFailedWrite_leavesTheEncoderUsable() throws Exception {
        assertThatThrownBy(() -> encoder.encode(List.of(new Object()))).isInstanceOf(NotSerializableException.class);
        assertThat(decoder.decode(encoder.encode(new Tasks.Square(6)))).isEqualTo(new Tasks.Square(6));
    }

    @Test
    void corruptFrames_areRefused() throws Exception {
        byte[] good = encoder.encode(new Tasks.Square(2));
        assertThatThrownBy(() -> decoder.decode(Arrays.copyOf(good, good.length + 1))).isInstanceOf(StreamCorruptedException.class);
        assertThatThrownBy(() -> decoder.decode(Arrays.copyOf(good, good.length - 1))).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> decoder.decode(new byte[] {'?'})).isInstanceOf(StreamCorruptedException.class);
        assertThatThrownBy(() -> decoder.reply(new byte[] {'?'})).isInstanceOf(StreamCorruptedException.class);
        assertThat(decoder.decode(good)).isEqualTo(new Tasks.Square(2));
    }

    @Test
    void framesAreLengthPrefixed_andABadLengthIsRefused() throws Exception {
        ByteArrayOutputStream pipe = new ByteArrayOutputStream();
        Frames.write(pipe, new byte[] {1, 2, 3});
        Frames.write(pipe, new byte[0]);
        ByteArrayInputStream in = new ByteArrayInputStream(pipe.toByteArray());
        assertThat(Frames.read(in)).containsExactly(1, 2, 3);
        assertThat(Frames.read(in)).isEmpty();
        assertThat(Frames.read(in)).isNull();
        assertThatThrownBy(() -> Frames.read(new ByteArrayInputStream(new byte[] {-1, -1, -1, -1})))
                .isInstanceOf(IOException.class).hasMessageContaining("bad frame length");
    }

    @Test
    void theReferenceLimit_appliesPerFrame_notOverTheLifeOfAStream() throws Exception {
        List<Integer> many = new ArrayList<>();
        for (int i = 0; i < 400_000; i++) {
            many.add(1_000 + i);   // distinct Integer objects: each a reference of its own
        }
        byte[] frame = encoder.encode(new Tasks.Echo(many));
        for (int round = 0; round < 4; round++) {
            assertThat(decoder.decode(frame)).as("frame %d of the same stream", round).isEqualTo(new Tasks.Echo(many));
        }
        List<Integer> tooMany = new ArrayList<>(many);
        tooMany.addAll(many.stream().map(i -> i + 400_000).toList());
        tooMany.addAll(many.stream().map(i -> i + 800_000).toList());
        assertThatThrownBy(() -> decoder.decode(encoder.encode(new Tasks.Echo(tooMany))))
                .isInstanceOf(InvalidClassException.class).hasMessageContaining("more than 1000000 objects and references in one frame");
        assertThat(decoder.decode(frame)).isEqualTo(new Tasks.Echo(many));
    }

    @Test
    void setsNestedToDecodeExponentially_areRefusedByDepth_atOnce() throws Exception {
        byte[] bomb = encoder.encode(new Tasks.Echo(Tasks.nestedSets(40)));
        assertThatThrownBy(() -> decoder.decode(bomb)).isInstanceOf(InvalidClassException.class)
                .hasMessageContaining("deep, over the limit of " + FrameFilter.MAX_DEPTH);
        assertThat(decoder.decode(encoder.encode(new Tasks.Echo(Tasks.nestedSets(8))))).isNotNull();
    }

    @Test
    @org.junit.jupiter.api.Timeout(value = 60, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
    void listsSharingListsInASet_whoseHashWouldVisit6To19Elements_areRefusedByTheirUnfoldedSize_atOnce() throws Exception {
        byte[] bomb = encoder.encode(new Tasks.Echo(Tasks.sharedLists(19, 6)));
        assertThat(bomb.length).as("small to send").isLessThan(4_000);
        assertThatThrownBy(() -> decoder.decode(bomb)).isInstanceOf(java.io.InvalidObjectException.class)
                .hasMessageContaining("unfold to more than " + Unfolding.MAX_UNFOLDED + " objects");
        Object shared = Tasks.sharedLists(6, 6);   // 6^6 = 46,656 elements unfolded: a sharing value within the bound
        assertThat(decoder.decode(encoder.encode(new Tasks.Echo(shared)))).isEqualTo(new Tasks.Echo(shared));
        assertThat(decoder.decode(encoder.encode(List.of("after", 1L)))).as("the decoder goes on").isEqualTo(List.of("after", 1L));
    }

    @Test
    @org.junit.jupiter.api.Timeout(value = 60, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
    void aRecordOfTheUsersSharingOneListManyTimes_countsEveryReference() throws Exception {
        List<Object> inner = new ArrayList<>(List.of("x"));
        for (int i = 0; i < 8; i++) {
            List<Object> up = new ArrayList<>();
            for (int j = 0; j < 8; j++) {
                up.add(new Tasks.Echo(inner));
            }
            inner = up;
        }
        byte[] bomb = encoder.encode(new Tasks.Echo(inner));   // 8^8 = 16.7 million unfolded, through records' fields
        assertThatThrownBy(() -> decoder.decode(bomb)).isInstanceOf(java.io.InvalidObjectException.class).hasMessageContaining("unfold");
    }

    @Test
    void onlyTheJdksValueTypesAreAdmitted_notWholePackages() {
        assertThatThrownBy(() -> decoder.decode(encoder.encode(new Tasks.Echo(new java.util.Random(1)))))
                .isInstanceOf(InvalidClassException.class).hasMessageContaining("class java.util.Random is not admitted");
    }

    @Test
    void theJdksCollectionsAndValueTypes_makeTheTrip() throws Exception {
        java.util.Map<String, Integer> tree = new java.util.TreeMap<>(java.util.Map.of("b", 2, "a", 1));
        List<Object> values = List.of(
                new java.util.HashMap<>(java.util.Map.of("k", 1)), new java.util.HashSet<>(List.of(1, 2)),
                new java.util.LinkedHashMap<>(java.util.Map.of("k", 1)), new java.util.LinkedHashSet<>(List.of(3)),
                tree, new java.util.TreeSet<>(List.of(5, 4)), new java.util.Hashtable<>(java.util.Map.of("h", 1)),
                new java.util.ArrayDeque<>(List.of(1)), new java.util.LinkedList<>(List.of(1)), new java.util.Vector<>(List.of(1)),
                new java.util.IdentityHashMap<>(java.util.Map.of("i", 1)), new java.util.concurrent.ConcurrentHashMap<>(java.util.Map.of("c", 1)),
                java.util.EnumSet.of(java.util.concurrent.TimeUnit.SECONDS), new java.util.EnumMap<>(java.util.Map.of(java.util.concurrent.TimeUnit.DAYS, 1)),
                List.of(1, 2, 3), java.util.Set.of("s"), java.util.Map.of("m", 1), java.util.Arrays.asList(1, 2),
                java.util.Collections.unmodifiableList(new ArrayList<>(List.of(1))), java.util.Collections.emptyMap(),
                new java.util.AbstractMap.SimpleEntry<>("e", 1), java.util.UUID.nameUUIDFromBytes(new byte[] {1}),
                new java.util.BitSet(3), java.time.Duration.ofSeconds(3), java.math.BigInteger.TEN, java.net.URI.create("http://x/"),
                new java.util.concurrent.atomic.AtomicLong(4), new int[] {1, 2}, new String[] {"a"},
                new java.util.concurrent.ExecutionException(new java.io.UncheckedIOException(new java.io.IOException("io"))));
        for (Object v : values) {
            Object back = ((Tasks.Echo) decoder.decode(encoder.encode(new Tasks.Echo(v)))).value();
            assertThat(back).as("%s", v.getClass().getName()).isNotNull();
            assertThat(back).as("%s", v.getClass().getName()).hasSameClassAs(v);
            if (!(v instanceof Throwable) && !v.getClass().isArray()) {
                assertThat(back.toString()).as("%s", v.getClass().getName()).isEqualTo(v.toString());
            }
        }
    }
}
