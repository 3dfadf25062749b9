package dev.multitasking.cluster;

import dev.multitasking.processes.PrivateDirectory;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An archive of the classes a member JVM loads: Hazelcast's several thousand, parsed and verified
 * once and mapped from the archive by every later member. On JDK 25 and later it is an
 * ahead-of-time cache ({@link #AOT}: the classes loaded and linked, and the methods' profiles);
 * before, a dynamic class-data-sharing archive (AppCDS) of the classes loaded. Class loading, not
 * joining, is most of a member's start: three members starting at once on 2 cores formed in
 * 2.5-3.1 s with no archive and 1.1-1.6 s with AppCDS (an earlier session); the AOT cache against
 * AppCDS, side by side (the cluster README has the run): a median of 1.9 s against 3.1 s.
 *
 * <p>The first cluster started on a class path writes the archive: its first member dumps the
 * classes it loaded when it exits ({@code -XX:AOTCacheOutput}, or {@code -XX:ArchiveClassesAtExit}
 * before JDK 25) into a file of its own,
 * which {@link #publish()} renames into place after the members have stopped, so two clusters
 * never write one file. The file's name carries a hash of the JDK, the class path's jars (path,
 * size, time) and the member's options, so a rebuilt jar or another JDK makes a new archive; a
 * stale or damaged one is refused by the JVM itself ({@code -Xshare:auto} then runs without it).
 * A class path with a directory on it (a build's {@code target/classes}) cannot be archived: no
 * archive then, and members start as before. The archives live in a directory of the user's own
 * under the temporary directory, readable by that user only, and are used only from there.
 */
final class MemberClassArchive {

    /** Archives kept in the directory: a few builds' or JDKs' worth. */
    static final int KEPT = 4;

    /**
     * Whether the archive is an ahead-of-time cache (JDK 25 and later: JEPs 483, 514 and 515), which
     * holds the classes loaded and linked and the methods' profiles, written by one training run
     * ({@code -XX:AOTCacheOutput}); before JDK 25, a dynamic AppCDS archive of the classes loaded.
     */
    static final boolean AOT = Runtime.version().feature() >= 25;

    private final Path archive;
    private final Path dump;

    private MemberClassArchive(Path archive) {
        this.archive = archive;
        this.dump = archive.resolveSibling(archive.getFileName() + "." + ProcessHandle.current().pid() + "-" + System.nanoTime() + ".tmp");
    }

    /** The archive for members started on {@code classPath} with {@code options}, or empty where there can be none. */
    static Optional<MemberClassArchive> of(String classPath, List<String> options) {
        return of(classPath, options, Path.of(System.getProperty("java.io.tmpdir"), "multitasking-cds-" + uid()));
    }

    /** The directory's name tells users apart by uid, which a command line cannot change as it can {@code user.name}. */
    private static String uid() {
        try {
            return String.valueOf(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | SecurityException e) {
            return System.getProperty("user.name", "user");
        }
    }

    /** As {@link #of(String, List)}, the archives kept in {@code dir}. */
    static Optional<MemberClassArchive> of(String classPath, List<String> options, Path dir) {
        if (classPath == null || classPath.isBlank()) {
            return Optional.empty();
        }
        StringBuilder key = new StringBuilder(System.getProperty("java.home")).append('|').append(Runtime.version()).append('|')
                .append(String.join(" ", options));
        for (String entry : classPath.split(File.pathSeparator)) {
            Path p = Path.of(entry);
            try {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                if (!a.isRegularFile()) {
                    return Optional.empty();   // a directory: the JVM archives jars only
                }
                key.append('|').append(p.toAbsolutePath()).append(':').append(a.size()).append(':').append(a.lastModifiedTime().toMillis());
            } catch (IOException e) {
                return Optional.empty();
            }
        }
        if (!privateDirectory(dir)) {
            return Optional.empty();
        }
        String name = "member-jdk" + Runtime.version().feature() + "-" + Integer.toHexString(key.toString().hashCode()) + (AOT ? ".aot" : ".jsa");
        return Optional.of(new MemberClassArchive(dir.resolve(name)));
    }

    /**
     * Makes {@code dir} a directory of this user's that only this user can use (one of this
     * user's that was open to others is tightened, then emptied: an archive is code the JVM
     * maps, and one planted while it was open must not be). False (no archive) for a link,
     * another user's directory, or where that cannot be made sure.
     */
    static boolean privateDirectory(Path dir) {
        try {
            PrivateDirectory.reclaim(dir);
            return true;
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    /** Whether the archive has been written, so members can start from it. */
    boolean exists() {
        return Files.isRegularFile(archive);
    }

    /** Options for a member that starts from the archive. */
    List<String> useOptions() {
        return withQuietLog((AOT ? "-XX:AOTCache=" : "-XX:SharedArchiveFile=") + archive);
    }

    /**
     * Options for the one member that writes the archive as it exits; with an ahead-of-time cache,
     * the JVM then starts one more JVM that assembles it, for a second or two. A training run
     * takes no {@code -Xshare} option ({@link #forDump} drops them).
     */
    List<String> dumpOptions() {
        return withQuietLog((AOT ? "-XX:AOTCacheOutput=" : "-XX:ArchiveClassesAtExit=") + dump);
    }

    /** A member's options, {@code options} and {@link #dumpOptions()}, for the one that writes the archive. */
    List<String> forDump(List<String> options) {
        return with(options, dumpOptions());
    }

    /** A member's options, {@code options} and {@link #useOptions()}, for one that starts from the archive. */
    List<String> forUse(List<String> options) {
        return with(options, useOptions());
    }

    /** {@code options} and {@code archiveOptions}, less any {@code -Xshare}: the JVM refuses those beside an ahead-of-time cache. */
    private static List<String> with(List<String> options, List<String> archiveOptions) {
        List<String> all = new ArrayList<>(options);
        if (AOT) {
            all.removeIf(o -> o.startsWith("-Xshare:"));
        }
        all.addAll(archiveOptions);
        return all;
    }

    /**
     * Moves a finished dump into place (the first to finish wins; a later one is dropped), or
     * deletes it. Call after the dumping member has ended.
     *
     * @param complete whether the dumping member exited by itself: a killed one may have left half a file
     */
    void publish(boolean complete) {
        try {
            if (complete && Files.isRegularFile(dump) && Files.size(dump) > 0 && !exists()) {
                Files.move(dump, archive, StandardCopyOption.ATOMIC_MOVE);
                prune();
            }
        } catch (IOException e) {
            // another cluster's dump got there first, or the directory went away: no archive this time
        } finally {
            try {
                Files.deleteIfExists(dump);
            } catch (IOException e) {
                // left in the temporary directory
            }
        }
    }

    /** Keeps the {@value #KEPT} newest archives (24-60 MB each, one per build and JDK), deletes older ones. */
    private void prune() throws IOException {
        try (var files = Files.list(archive.getParent())) {
            List<Path> archives = files.filter(f -> f.getFileName().toString().matches("member-jdk\\d+-[0-9a-f]+\\.(jsa|aot)"))
                    .sorted(java.util.Comparator.comparing(MemberClassArchive::modified).reversed()).toList();
            for (Path old : archives.subList(Math.min(KEPT, archives.size()), archives.size())) {
                Files.deleteIfExists(old);   // a member mapping it keeps its pages; the next start makes a new one
            }
        }
    }

    private static long modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * The JVM says on stdout what it could not archive (proxies, JFR's classes) and, when the
     * archive is refused, why; a member's stdout is its ready line only.
     */
    private static List<String> withQuietLog(String option) {
        List<String> options = new ArrayList<>(List.of(option, "-Xlog:cds=off"));
        if (Runtime.version().feature() >= 25) {
            options.add("-Xlog:aot=off");   // JDK 25 logs part of CDS under the aot tag (a tag JDK 21 refuses)
        }
        return options;
    }

    @Override
    public String toString() {
        return archive.toString();
    }
}
