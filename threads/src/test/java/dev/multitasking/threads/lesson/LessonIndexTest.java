package dev.multitasking.threads.lesson;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The index that {@code primes demo} reads lists every lesson of this module, and only lessons. */
class LessonIndexTest {

    private static List<String> indexed() throws IOException {
        try (InputStream in = LessonIndexTest.class.getResourceAsStream("/META-INF/multitasking/lessons")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#"))
                    .map(l -> l.split("\\|")[0].strip())
                    .toList();
        }
    }

    @Test
    void index_listsEveryLessonClassInThePackage_eachWithOnlyAPublicMain() throws IOException, URISyntaxException, ClassNotFoundException {
        Path dir = Path.of(Pools_01_ByHandAndByLibrary.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve("dev/multitasking/threads/lesson");
        List<String> onDisk;
        try (Stream<Path> files = Files.list(dir)) {
            onDisk = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.matches("[A-Z][A-Za-z]*_\\d\\d_[A-Za-z]+\\.class"))
                    .map(n -> "dev.multitasking.threads.lesson." + n.replace(".class", ""))
                    .toList();
        }
        assertThat(indexed()).containsExactlyInAnyOrderElementsOf(onDisk);
        for (String name : indexed()) {
            Class<?> lesson = Class.forName(name);
            assertThat(Modifier.isFinal(lesson.getModifiers())).as(name).isTrue();
            assertThat(lesson.getMethods()).filteredOn(m -> m.getDeclaringClass() == lesson)
                    .extracting(Method::getName).as(name).containsOnly("main");
            assertThat(lesson.getConstructors()).as(name).isEmpty();
        }
    }
}
