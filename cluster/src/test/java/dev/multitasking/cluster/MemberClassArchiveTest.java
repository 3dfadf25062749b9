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
        String before = MemberClassArchive.of(jar.toString(), List.of("-Xmx1g"), dir.resolve("archives")).orElseThrow().toString();
        assertThat(MemberClassArchive.of(jar.toString(), List.of("-Xmx1g"), dir.resolve("archives")).orElseThrow().toString()).isEqualTo(before);
        assertThat(MemberClassArchive.of(jar.toString(), List.of("-Xmx2g"), dir.resolve("archives")).orElseThrow().toString()).isNotEqualTo(before);
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(60)));   // a rebuilt jar
        assertThat(MemberClassArchive.of(jar.toString(), List.of("-Xmx1g"), dir.resolve("archives")).orElseThrow().toString()).isNotEqualTo(before);
    }

    @Test
    void onlyACompleteDump_isPublished(@TempDir Path dir) throws Exception {
        Path jar = Files.writeString(dir.resolve("b-" + System.nanoTime() + ".jar"), "two");
        MemberClassArchive archive = MemberClassArchive.of(jar.toString(), List.of(), dir.resolve("archives")).orElseThrow();
        Path dump = dumpFile(archive);
        Files.writeString(dump, "half an archive");
        archive.publish(false);
        assertThat(dump).doesNotExist();
        assertThat(archive.exists()).isFalse();

        Files.writeString(dump, "an archive");
        archive.publish(true);
        assertThat(dump).doesNotExist();
        assertThat(archive.exists()).isTrue();
        assertThat(archive.useOptions()).contains((MemberClassArchive.AOT ? "-XX:AOTCache=" : "-XX:SharedArchiveFile=") + archive, "-Xlog:cds=off");
        Files.delete(Path.of(archive.toString()));
    }

    @Test
    void aMemberWithAnAotCache_takesNoShareOption(@TempDir Path dir) throws Exception {
        Path jar = Files.writeString(dir.resolve("d.jar"), "four");
        MemberClassArchive archive = MemberClassArchive.of(jar.toString(), List.of("-Xshare:auto"), dir.resolve("archives")).orElseThrow();
        List<String> dumping = archive.forDump(List.of("-XX:+UseSerialGC", "-Xshare:auto"));
        List<String> using = archive.forUse(List.of("-XX:+UseSerialGC", "-Xshare:auto"));
        assertThat(dumping).startsWith("-XX:+UseSerialGC").containsAll(archive.dumpOptions());
        assertThat(using).startsWith("-XX:+UseSerialGC").containsAll(archive.useOptions());
        if (MemberClassArchive.AOT) {
            // -XX:AOTCacheOutput and -XX:AOTCache refuse every -Xshare: the JVM would not start
            assertThat(dumping).doesNotContain("-Xshare:auto");
            assertThat(using).doesNotContain("-Xshare:auto");
            assertThat(archive.toString()).endsWith(".aot");
        } else {
            assertThat(dumping).contains("-Xshare:auto");
        }
    }

    @Test
    void publishing_keepsTheNewestArchivesOnly(@TempDir Path dir) throws Exception {
        Path jar = Files.writeString(dir.resolve("c-" + System.nanoTime() + ".jar"), "three");
        MemberClassArchive archive = MemberClassArchive.of(jar.toString(), List.of(), dir.resolve("archives")).orElseThrow();
        Path home = Path.of(archive.toString()).getParent();
        List<Path> planted = new java.util.ArrayList<>();
        for (int i = 0; i < MemberClassArchive.KEPT + 2; i++) {   // older archives of other builds, oldest first
            Path old = Files.writeString(home.resolve("member-jdk99-" + Integer.toHexString(0xabc000 + i) + ".jsa"), "old");
            Files.setLastModifiedTime(old, FileTime.from(Instant.now().minusSeconds(3600 - i)));
            planted.add(old);
        }
        Files.writeString(dumpFile(archive), "an archive");
        archive.publish(true);
        assertThat(archive.exists()).isTrue();
        assertThat(planted.subList(0, 3)).allSatisfy(p -> assertThat(p).doesNotExist());
        assertThat(planted.subList(3, planted.size())).allSatisfy(p -> assertThat(p).exists());
        for (Path p : planted.subList(3, planted.size())) {
            Files.delete(p);
        }
        Files.delete(Path.of(archive.toString()));
    }

    @Test
    void archiveDirectory_sharedWithOthers_isRefused(@TempDir Path dir) throws Exception {
        Path mine = dir.resolve("mine");
        assertThat(MemberClassArchive.privateDirectory(mine)).isTrue();
        assertThat(java.nio.file.Files.getPosixFilePermissions(mine)).isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        assertThat(MemberClassArchive.privateDirectory(mine)).isTrue();   // made by an earlier run
        Path open = java.nio.file.Files.createDirectory(dir.resolve("open"));
        java.nio.file.Files.setPosixFilePermissions(open, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        assertThat(MemberClassArchive.privateDirectory(open)).isTrue();   // ours: tightened
        assertThat(java.nio.file.Files.getPosixFilePermissions(open)).isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        Path link = java.nio.file.Files.createSymbolicLink(dir.resolve("link"), mine);
        assertThat(MemberClassArchive.privateDirectory(link)).isFalse();
        Path file = java.nio.file.Files.writeString(dir.resolve("file"), "");
        assertThat(MemberClassArchive.privateDirectory(file)).isFalse();
    }

    private static Path dumpFile(MemberClassArchive archive) {
        String option = archive.dumpOptions().getFirst();
        String prefix = MemberClassArchive.AOT ? "-XX:AOTCacheOutput=" : "-XX:ArchiveClassesAtExit=";
        assertThat(option).startsWith(prefix);
        return Path.of(option.substring(prefix.length()));
    }
}
