package dev.multitasking.testkit;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs a lesson's {@code main} and returns what it printed. Tests in one class run one at a time. */
public final class LessonOutput {

    /** A lesson's {@code main}, or any code that prints. */
    public interface Main {
        void run() throws Exception;
    }

    private LessonOutput() {
    }

    /** Runs it with {@code System.out} captured; what it printed. A failure fails the test. */
    public static synchronized String of(Main main) {
        PrintStream original = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream capture = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            main.run();
        } catch (Exception e) {
            throw new AssertionError("the lesson failed", e);
        } finally {
            System.setOut(original);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
