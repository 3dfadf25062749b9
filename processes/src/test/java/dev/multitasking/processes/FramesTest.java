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
            byte[] frame = encoder.value(v);
            assertThat(frame.length).isLessThanOrEqualTo(10);
            Frames.Reply reply = decoder.reply(frame);
            assertThat(reply.value()).isEqualTo(v);
            assertThat(reply.failure()).isNull();
        }
        assertThat(decoder.reply(encoder.hello(1234)).pid()).isEqualTo(1234);
        assertThat(decoder.reply(encoder.failure(new IllegalStateException("no"))).failure())
                .isInstanceOf(IllegalStateException.class).hasMessage("no");
    }

    @Test
    void theStrategiesWrappers_travelAsTheirFields_aroundTheirValue() throws Exception {
        Spanned<Integer> task = new Spanned<>(41, new Tasks.Square(9));
        byte[] request = encoder.encode(task);
        assertThat(decoder.decode(request)).isEqualTo(task);

        Timed<Long> result = new Timed<>(123L, new Span(41, 4242, "main", 1_000, 2_500));
        byte[] reply = encoder.value(result);
        assertThat(reply.length).as("no serialization: tags, span fields, the long").isLessThan(60);
        assertThat(decoder.reply(reply).value()).isEqualTo(result);

        Timed<List<String>> carrying = new Timed<>(List.of("a", "b"), new Span(0, 1, "w", 5, 5));
        assertThat(decoder.reply(encoder.value(carrying)).value()).isEqualTo(carrying);
        Timed<Object> unspanned = new Timed<>(null, null);
        assertThat(decoder.reply(encoder.value(unspanned)).value()).isEqualTo(unspanned);
    }

    @Test
    void aTimedWithASpanThatEndsBeforeItStarts_isRefused_andTheNextFrameIsReadCleanly() throws Exception {
        byte[] good = encoder.value(new Timed<>(1L, new Span(0, 1, "w", 5, 9)));
        byte[] bad = good.clone();
        int endAt = good.length - Long.BYTES - 1 - Long.BYTES;   // the span's end, before the value's tag and long
        java.nio.ByteBuffer.wrap(bad).putLong(endAt, 1);
        assertThatThrownBy(() -> decoder.reply(bad)).isInstanceOf(StreamCorruptedException.class).hasMessageContaining("bad span");
        assertThat(decoder.reply(good).value()).isEqualTo(new Timed<>(1L, new Span(0, 1, "w", 5, 9)));
    }

    @Test
    void aRejectedFrame_throws_andTheNextFrameIsReadCleanly() throws Exception {
        assertThatThrownBy(() -> decoder.decode(encoder.encode(new Tasks.Smuggles(new ObjectName("d:type=x")))))
                .isInstanceOf(InvalidClassException.class).hasMessageContaining("REJECTED");
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
}
