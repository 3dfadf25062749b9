package dev.multitasking.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MemberClassArchiveTest {

    @Test
    void classPathWithADirectory_hasNoArchive(@TempDir Path dir) throws Exception {
        Path jar = Files.writeString(dir.resolve("a.jar"), "not really a jar");
        assertThat(MemberClassArchive.of(jar + File.pathSeparator + dir, List.of())).isEmpty();
        assertThat(MemberClassArchive.of("", List.of())).isEmpty();
        assertThat(MemberClassArchive.of(dir.resolve("missing.jar").toString(), List.of())).isEmpty();
    }

    @Test
    void archiveName_changesWithTheJarsAndTheOptions(@TempDir Path dir) throws Exception {
        Path jar = Files.writeString(dir.resolve("a.jar"), "one");
        String before = MemberClassArchive.of(jar.toString(), List.of("-Xmx1g")).orElseThrow().toString();
        assertThat(MemberClassArchive.of(jar.toString(), List.of("-Xmx1g")).orElseThrow().toString()).isEqualTo(before);
        assertThat(MemberClassArchive.of(jar.toString(), List.of("-Xmx2g")).orElseThrow().toString()).isNotEqualTo(before);
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(60)));   // a rebuilt jar
        assertThat(MemberClassArchive.of(jar.toString(), List.of("-Xmx1g")).orElseThrow().toString()).isNotEqualTo(before);
    }

    @Test
    void onlyACompleteDump_isPublished(@TempDir Path dir) throws Exception {
        Path jar = Files.writeString(dir.resolve("b-" + System.nanoTime() + ".jar"), "two");
        MemberClassArchive archive = MemberClassArchive.of(jar.toString(), List.of()).orElseThrow();
        Path dump = dumpFile(archive);
        Files.writeString(dump, "half an archive");
        archive.publish(false);
        assertThat(dump).doesNotExist();
        assertThat(archive.exists()).isFalse();

        Files.writeString(dump, "an archive");
        archive.publish(true);
        assertThat(dump).doesNotExist();
        assertThat(archive.exists()).isTrue();
        assertThat(archive.useOptions()).contains("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off");
        Files.delete(Path.of(archive.toString()));
    }

    private static Path dumpFile(MemberClassArchive archive) {
        String option = archive.dumpOptions().getFirst();
        assertThat(option).startsWith("-XX:ArchiveClassesAtExit=");
        return Path.of(option.substring("-XX:ArchiveClassesAtExit=".length()));
    }
}
