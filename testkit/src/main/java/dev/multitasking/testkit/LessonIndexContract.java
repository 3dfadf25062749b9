package dev.multitasking.testkit;

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
import dev.multitasking.core.LessonSample;
import org.junit.jupiter.api.Test;

/**
 * A module's lesson index ({@code META-INF/multitasking/lessons}, read by {@code primes demo})
 * lists every lesson class of its {@code lesson} package and nothing else, and every lesson is a
 * final class whose only public member is {@code main}. A module tests its index by extending
 * this class (in the test kit) and naming one of its lessons.
 */
public abstract class LessonIndexContract {

    /** Any lesson of the module: it locates the module's classes and lesson package. */
    protected abstract Class<?> aLesson();

    private List<String> indexed() throws IOException {
        try (InputStream in = aLesson().getResourceAsStream("/META-INF/multitasking/lessons")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#"))
                    .map(l -> l.split("\\|")[0].strip())
                    .toList();
        }
    }

    @Test
    void index_listsEveryLessonClassInThePackage() throws IOException, URISyntaxException {
        String pkg = aLesson().getPackageName();
        Path dir = Path.of(aLesson().getProtectionDomain().getCodeSource().getLocation().toURI()).resolve(pkg.replace('.', '/'));
        List<String> onDisk;
        try (Stream<Path> files = Files.list(dir)) {
            onDisk = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.matches("[A-Z][A-Za-z]*_\\d\\d_[A-Za-z]+\\.class"))
                    .map(n -> pkg + "." + n.replace(".class", ""))
                    .toList();
        }
        assertThat(indexed()).containsExactlyInAnyOrderElementsOf(onDisk);
    }

    @Test
    void everyIndexedLesson_isAFinalClassWithAPublicMainAndNothingElsePublic() throws Exception {
        for (String name : indexed()) {
            Class<?> lesson = Class.forName(name);
            assertThat(Modifier.isFinal(lesson.getModifiers())).as(name).isTrue();
            Method main = lesson.getMethod("main", String[].class);
            assertThat(Modifier.isStatic(main.getModifiers())).as(name).isTrue();
            assertThat(lesson.getMethods()).filteredOn(m -> m.getDeclaringClass() == lesson)
                    .as(name + ": public methods").extracting(Method::getName).containsOnly("main");
            assertThat(lesson.getConstructors()).as(name + ": public constructors").isEmpty();
        }
    }

    @Test
    void everyIndexedLesson_statesItsClaimInOneLine() throws Exception {
        for (String name : indexed()) {
            java.lang.reflect.Field claim = Class.forName(name).getDeclaredField("CLAIM");
            assertThat(Modifier.isStatic(claim.getModifiers()) && Modifier.isFinal(claim.getModifiers())).as(name).isTrue();
            claim.setAccessible(true);
            assertThat((String) claim.get(null)).as(name + ".CLAIM").isNotBlank().hasSizeLessThanOrEqualTo(130).doesNotContain("\n");
        }
    }

    /**
     * The arguments a test runs {@code lesson}'s {@code main} with: none unless a module says
     * otherwise, small ones for a lesson that takes a size.
     */
    protected String[] mainArguments(Class<?> lesson) {
        return new String[0];
    }

    @Test
    @org.junit.jupiter.api.Timeout(600)
    void everyIndexedLesson_mainRunsToItsEnd_andPrintsItsLesson() throws Exception {
        for (String name : indexed()) {
            Class<?> lesson = Class.forName(name);
            Method main = lesson.getMethod("main", String[].class);
            String[] args = mainArguments(lesson);
            String printed = LessonOutput.of(() -> main.invoke(null, (Object) args));
            assertThat(printed).as(name + " printed").isNotBlank().doesNotContain("WRONG");
            if (!printsItsSample(lesson)) {
                continue;
            }
            List<String> sample = LessonSample.of(lesson, sourceRoot())
                    .orElseThrow(() -> new AssertionError(name + " has no '" + LessonSample.HEADER + "...):' and <pre> block in its javadoc"));
            String mismatch = LessonSample.mismatch(sample, printed.lines().toList());
            assertThat(mismatch).as(name + "'s sample output is not what it prints now (re-record it: ./primes demo --record "
                    + lessonName(lesson) + ")\nprinted:\n" + printed).isNull();
        }
    }

    /**
     * Whether {@code lesson}, run with {@link #mainArguments}, prints what its sample shows (its
     * figures aside): true unless those arguments leave out part of it, which a module then says
     * here, and why.
     */
    protected boolean printsItsSample(Class<?> lesson) {
        return true;
    }

    /** Where the module's lesson sources are, from the directory its tests run in. */
    protected Path sourceRoot() {
        return Path.of("src", "main", "java");
    }

    /** What {@code primes demo} calls it: {@code ramen-01} for {@code Ramen_01_OneChefInSequence}. */
    private static String lessonName(Class<?> lesson) {
        String[] words = lesson.getSimpleName().split("_", 3);
        return words[0].toLowerCase(java.util.Locale.ROOT) + "-" + words[1];
    }
}
