package dev.multitasking.processes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassArchiveTest {

    @Test
    void classPathWithADirectory_hasNoArchive(@TempDir Path dir) throws Exception {
        Path jar = Files.writeString(dir.resolve("a.jar"), "not really a jar");
        assertThat(ClassArchive.of("member", jar + File.pathSeparator + dir, List.of())).isEmpty();
        assertThat(ClassArchive.of("member", "", List.of())).isEmpty();
        assertThat(ClassArchive.of("member", dir.resolve("missing.jar").toString(), List.of())).isEmpty();
    }

    @Test
    void archiveName_changesWithTheJarsAndTheOptions(@TempDir Path dir) throws Exception {
        Path jar = Files.writeString(dir.resolve("a.jar"), "one");
        String before = ClassArchive.of("member", jar.toString(), List.of("-Xmx1g"), dir.resolve("archives")).orElseThrow().toString();
        assertThat(ClassArchive.of("member", jar.toString(), List.of("-Xmx1g"), dir.resolve("archives")).orElseThrow().toString()).isEqualTo(before);
        assertThat(ClassArchive.of("member", jar.toString(), List.of("-Xmx2g"), dir.resolve("archives")).orElseThrow().toString()).isNotEqualTo(before);
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(60)));   // a rebuilt jar
        assertThat(ClassArchive.of("member", jar.toString(), List.of("-Xmx1g"), dir.resolve("archives")).orElseThrow().toString()).isNotEqualTo(before);
    }

    @Test
    void onlyACompleteDump_isPublished(@TempDir Path dir) throws Exception {
        Path jar = Files.writeString(dir.resolve("b-" + System.nanoTime() + ".jar"), "two");
        ClassArchive archive = ClassArchive.of("member", jar.toString(), List.of(), dir.resolve("archives")).orElseThrow();
        Path dump = dumpFile(archive);
        Files.writeString(dump, "half an archive");
        archive.publish(false);
        assertThat(dump).doesNotExist();
        assertThat(archive.exists()).isFalse();

        Files.writeString(dump, "an archive");
        archive.publish(true);
        assertThat(dump).doesNotExist();
        assertThat(archive.exists()).isTrue();
        assertThat(archive.useOptions()).contains((ClassArchive.AOT ? "-XX:AOTCache=" : "-XX:SharedArchiveFile=") + archive, "-Xlog:cds=off");
        Files.delete(Path.of(archive.toString()));
    }

    @Test
    void aMemberWithAnAotCache_takesNoShareOption(@TempDir Path dir) throws Exception {
        Path jar = Files.writeString(dir.resolve("d.jar"), "four");
        ClassArchive archive = ClassArchive.of("member", jar.toString(), List.of("-Xshare:auto"), dir.resolve("archives")).orElseThrow();
        List<String> dumping = archive.forDump(List.of("-XX:+UseSerialGC", "-Xshare:auto"));
        List<String> using = archive.forUse(List.of("-XX:+UseSerialGC", "-Xshare:auto"));
        assertThat(dumping).startsWith("-XX:+UseSerialGC").containsAll(archive.dumpOptions());
        assertThat(using).startsWith("-XX:+UseSerialGC").containsAll(archive.useOptions());
        if (ClassArchive.AOT) {
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
        ClassArchive archive = ClassArchive.of("member", jar.toString(), List.of(), dir.resolve("archives")).orElseThrow();
        Path home = Path.of(archive.toString()).getParent();
        List<Path> planted = new java.util.ArrayList<>();
        for (int i = 0; i < ClassArchive.KEPT + 2; i++) {   // older archives of other builds, oldest first
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
    void kinds_haveArchivesOfTheirOwn_andPruningLeavesTheOtherKindAlone(@TempDir Path dir) throws Exception {
        Path jar = Files.writeString(dir.resolve("e-" + System.nanoTime() + ".jar"), "five");
        ClassArchive members = ClassArchive.of("member", jar.toString(), List.of(), dir.resolve("archives")).orElseThrow();
        ClassArchive workers = ClassArchive.of("worker", jar.toString(), List.of(), dir.resolve("archives")).orElseThrow();
        assertThat(Path.of(workers.toString()).getFileName().toString()).startsWith("worker-jdk");
        assertThat(workers.toString()).isNotEqualTo(members.toString());
        assertThatThrownBy(() -> ClassArchive.of("../x", jar.toString(), List.of(), dir)).isInstanceOf(IllegalArgumentException.class);
        Path home = Path.of(members.toString()).getParent();
        List<Path> otherKind = new java.util.ArrayList<>();
        for (int i = 0; i < ClassArchive.KEPT + 2; i++) {
            Path old = Files.writeString(home.resolve("worker-jdk99-" + Integer.toHexString(0xdef000 + i) + ".aot"), "old");
            Files.setLastModifiedTime(old, FileTime.from(Instant.now().minusSeconds(3600 - i)));
            otherKind.add(old);
        }
        Files.writeString(dumpFile(members), "an archive");
        members.publish(true);
        assertThat(otherKind).allSatisfy(p -> assertThat(p).exists());
    }

    @Test
    void oneJvmDumps_andNoneOnceTheArchiveExists(@TempDir Path dir) throws Exception {
        Path jar = Files.writeString(dir.resolve("f-" + System.nanoTime() + ".jar"), "six");
        ClassArchive archive = ClassArchive.of("worker", jar.toString(), List.of(), dir.resolve("archives")).orElseThrow();
        assertThat(archive.claimDump()).isTrue();
        assertThat(archive.claimDump()).isFalse();
        ClassArchive again = ClassArchive.of("worker", jar.toString(), List.of(), dir.resolve("archives")).orElseThrow();
        Files.writeString(dumpFile(archive), "an archive");
        archive.publish(true);
        assertThat(again.claimDump()).as("another pool, once the archive exists").isFalse();
    }

    @Test
    void theJvmsOwnLinesAboutWritingACache_areKnown() {
        assertThat(ClassArchive.isDumpLine("Launching child process /usr/lib/jvm/jdk-25/bin/java to assemble AOT cache /tmp/x.aot using configuration /tmp/x.aot.config")).isTrue();
        assertThat(ClassArchive.isDumpLine("Temporary AOTConfiguration recorded: /tmp/x.aot.config")).isTrue();
        assertThat(ClassArchive.isDumpLine("AOTCache creation is complete: /tmp/x.aot 8945664 bytes")).isTrue();
        assertThat(ClassArchive.isDumpLine("Removed temporary AOT configuration file /tmp/x.aot.config")).isTrue();
        assertThat(ClassArchive.isDumpLine("Picked up JAVA_TOOL_OPTIONS: -Djava.class.path=a.jar -XX:AOTCacheOutput=/tmp/x.aot -XX:AOTMode=create")).isTrue();
        assertThat(ClassArchive.isDumpLine("Picked up JAVA_TOOL_OPTIONS: -Xmx1g")).as("a user's own options").isFalse();
        assertThat(ClassArchive.isDumpLine("a task's own line about AOTCache creation")).isFalse();
    }

    @Test
    void archiveDirectory_sharedWithOthers_isRefused(@TempDir Path dir) throws Exception {
        Path mine = dir.resolve("mine");
        assertThat(ClassArchive.privateDirectory(mine)).isTrue();
        assertThat(java.nio.file.Files.getPosixFilePermissions(mine)).isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        assertThat(ClassArchive.privateDirectory(mine)).isTrue();   // made by an earlier run
        Path open = java.nio.file.Files.createDirectory(dir.resolve("open"));
        java.nio.file.Files.setPosixFilePermissions(open, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        assertThat(ClassArchive.privateDirectory(open)).isTrue();   // ours: tightened
        assertThat(java.nio.file.Files.getPosixFilePermissions(open)).isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        Path link = java.nio.file.Files.createSymbolicLink(dir.resolve("link"), mine);
        assertThat(ClassArchive.privateDirectory(link)).isFalse();
        Path file = java.nio.file.Files.writeString(dir.resolve("file"), "");
        assertThat(ClassArchive.privateDirectory(file)).isFalse();
    }

    private static Path dumpFile(ClassArchive archive) {
        String option = archive.dumpOptions().getFirst();
        String prefix = ClassArchive.AOT ? "-XX:AOTCacheOutput=" : "-XX:ArchiveClassesAtExit=";
        assertThat(option).startsWith(prefix);
        return Path.of(option.substring(prefix.length()));
    }
}
