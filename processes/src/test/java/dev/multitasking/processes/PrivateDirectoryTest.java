package dev.multitasking.processes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrivateDirectoryTest {

    @Test
    void require_makesAnAbsentOneOwnerOnly_andAcceptsItAgain(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("sockets");
        PrivateDirectory.require(dir);
        assertThat(Files.getPosixFilePermissions(dir)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        PrivateDirectory.require(dir);
        assertThat(Files.getOwner(dir)).isEqualTo(PrivateDirectory.CURRENT_USER);
    }

    @Test
    void require_refusesALink_aFile_andOneOpenToOthers(@TempDir Path tmp) throws IOException {
        Path real = Files.createDirectory(tmp.resolve("real"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path link = Files.createSymbolicLink(tmp.resolve("link"), real);
        assertThatThrownBy(() -> PrivateDirectory.require(link)).hasMessage("not a private directory: " + link + " is a link");
        Path file = Files.writeString(tmp.resolve("file"), "");
        assertThatThrownBy(() -> PrivateDirectory.require(file)).hasMessage("not a private directory: " + file + " is not a directory");
        Path open = Files.createDirectory(tmp.resolve("open"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxr-x---"));
        assertThatThrownBy(() -> PrivateDirectory.require(open))
                .hasMessage("not a private directory: " + open + " is open to others (rwxr-x---, expected rwx------)");
        assertThat(Files.getPosixFilePermissions(open)).as("left as it was").isEqualTo(PosixFilePermissions.fromString("rwxr-x---"));
    }

    @Test
    void reclaim_tightensOneOfOursThatWasOpen_andEmptiesIt_withoutFollowingLinks(@TempDir Path tmp) throws IOException {
        Path elsewhere = Files.createDirectory(tmp.resolve("elsewhere"));
        Path keep = Files.writeString(elsewhere.resolve("keep"), "not theirs to delete");
        Path cache = Files.createDirectory(tmp.resolve("cache"));
        Files.setPosixFilePermissions(cache, PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.writeString(cache.resolve("member-jdk25-0badc0de.jsa"), "planted while it was open");
        Files.createSymbolicLink(cache.resolve("link"), elsewhere);
        Files.createDirectories(cache.resolve("sub/deeper"));
        PrivateDirectory.reclaim(cache);
        assertThat(Files.getPosixFilePermissions(cache)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        try (var left = Files.list(cache)) {
            assertThat(left.toList()).isEmpty();
        }
        assertThat(keep).exists();
        Path fine = Files.writeString(cache.resolve("made-while-private"), "ours");
        PrivateDirectory.reclaim(cache);
        assertThat(fine).as("a private one's contents are kept").exists();
        Path link = Files.createSymbolicLink(tmp.resolve("cache-link"), cache);
        assertThatThrownBy(() -> PrivateDirectory.reclaim(link)).hasMessageEndingWith(" is a link");
        assertThat(Files.exists(link, LinkOption.NOFOLLOW_LINKS)).isTrue();
    }

    @Test
    void anotherUsersDirectory_isRefused_evenWhenOwnerOnly(@TempDir Path tmp) throws IOException {
        assumeTrue(PrivateDirectory.CURRENT_USER != null && PrivateDirectory.CURRENT_USER.getName().equals("root"),
                "only root can give a directory to another user");
        Path theirs = Files.createDirectory(tmp.resolve("theirs"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Files.setOwner(theirs, theirs.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("65534"));
        assertThatThrownBy(() -> PrivateDirectory.require(theirs)).hasMessageContaining(" belongs to ").hasMessageContaining("not to this process's user");
        assertThatThrownBy(() -> PrivateDirectory.reclaim(theirs)).hasMessageContaining(" belongs to ");
    }
}
