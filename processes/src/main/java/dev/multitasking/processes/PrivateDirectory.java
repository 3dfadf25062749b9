package dev.multitasking.processes;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Set;

/**
 * A directory that only this process's user can enter, list or change, made sure of every time
 * it is used: the process pool's sockets live in one, the cluster's class-data archives
 * (code a JVM maps) in another, both under a temporary directory every user can write to, where
 * a cleaner may remove an idle directory and anyone may then make one of that name.
 *
 * <p>Made sure means: a directory itself, not a link to one (checked without following links);
 * owned by this process's user, by uid (the owner of {@code /proc/self}), not by the
 * {@code user.name} property, which a command line can set; and no permission for group or
 * others. What it holds is trusted only while that has always been so.
 */
public final class PrivateDirectory {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    /** This process's user, by uid; where there is no {@code /proc}, by {@code user.name}; null where neither can tell. */
    public static final UserPrincipal CURRENT_USER = currentUser();

    private PrivateDirectory() {
    }

    private static UserPrincipal currentUser() {
        try {
            return Files.getOwner(Path.of("/proc/self"));   // /proc/PID belongs to the process's (effective) uid
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            try {
                return java.nio.file.FileSystems.getDefault().getUserPrincipalLookupService()
                        .lookupPrincipalByName(System.getProperty("user.name"));
            } catch (IOException | UnsupportedOperationException e2) {
                return null;
            }
        }
    }

    /**
     * Makes {@code dir} (owner-only) when it is not there, else checks that it is private.
     *
     * @throws IOException saying what is wrong: a link, not a directory, another user's, open to
     *                     group or others, or a file system that cannot tell
     */
    public static void require(Path dir) throws IOException {
        createIfAbsent(dir);
        PosixFileAttributes a = attributes(dir);
        String wrong = wrongOwnerOrKind(dir, a);
        if (wrong == null && !a.permissions().equals(OWNER_ONLY)) {
            wrong = dir + " is open to others (" + PosixFilePermissions.toString(a.permissions()) + ", expected rwx------)";
        }
        if (wrong != null) {
            throw new IOException("not a private directory: " + wrong);
        }
    }

    /**
     * As {@link #require}, except that a directory of this user's that is open to others is
     * taken back: made owner-only first (no one else can add to it from then on), then emptied
     * of whatever it holds, which anyone may have put there while it was open. For a directory
     * of things that can be made again (a cache).
     *
     * @throws IOException for a link, not a directory, another user's, or one that could not be taken back
     */
    public static void reclaim(Path dir) throws IOException {
        createIfAbsent(dir);
        PosixFileAttributes a = attributes(dir);
        String wrong = wrongOwnerOrKind(dir, a);
        if (wrong != null) {
            throw new IOException("not a private directory: " + wrong);
        }
        if (!a.permissions().equals(OWNER_ONLY)) {
            Files.setPosixFilePermissions(dir, OWNER_ONLY);
            emptyOut(dir);
        }
    }

    private static void createIfAbsent(Path dir) throws IOException {
        try {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (FileAlreadyExistsException e) {
            // there already: checked by the caller, without following a link
        }
    }

    private static PosixFileAttributes attributes(Path dir) throws IOException {
        try {
            return Files.readAttributes(dir, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (UnsupportedOperationException e) {
            throw new IOException("not a private directory: " + dir + " is on a file system without owners and permissions", e);
        }
    }

    private static String wrongOwnerOrKind(Path dir, PosixFileAttributes a) {
        if (a.isSymbolicLink()) {
            return dir + " is a link";
        }
        if (!a.isDirectory()) {
            return dir + " is not a directory";
        }
        if (CURRENT_USER == null || !a.owner().equals(CURRENT_USER)) {
            return dir + " belongs to " + a.owner().getName() + ", not to this process's user"
                    + (CURRENT_USER == null ? "" : " (" + CURRENT_USER.getName() + ")");
        }
        return null;
    }

    /** Deletes what {@code dir} holds, never following a link (a link is deleted, not what it names). */
    private static void emptyOut(Path dir) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path e : entries) {
                if (Files.isDirectory(e, LinkOption.NOFOLLOW_LINKS)) {
                    emptyOut(e);
                }
                Files.deleteIfExists(e);
            }
        }
    }
}
