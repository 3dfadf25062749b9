package dev.multitasking.processes;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An archive of the classes a kind of child JVM loads (a cluster member: Hazelcast's several
 * thousand; a process pool's worker: the JDK's sockets, serialization and the project's own),
 * parsed and verified once and mapped from the archive by every later JVM of that kind. On JDK 25
 * and later it is an ahead-of-time cache ({@link #AOT}: the classes loaded and linked, and the
 * methods' profiles); before, a dynamic class-data-sharing archive (AppCDS) of the classes loaded.
 * Class loading, not joining, is most of a member's start: three members starting at once on 2
 * cores formed in 2.5-3.1 s with no archive and 1.1-1.6 s with AppCDS (an earlier session); the
 * AOT cache against AppCDS, side by side (the cluster README has the run): a median of 1.9 s
 * against 3.1 s. Two workers of a process pool were
 * ready in 126 ms from an AOT cache against 155 ms without (the anchors' run of RESULTS.md,
 * interleaved, 2-core Intel Xeon, AVX-512, JDK 25).
 *
 * <p>The first JVM of a kind started on a class path writes the archive: it dumps the classes it
 * loaded when it exits ({@code -XX:AOTCacheOutput}, or {@code -XX:ArchiveClassesAtExit} before
 * JDK 25) into a file of its own, which {@link #publish} renames into place once it has ended
 * by itself, so two writers never write one file; one {@code ClassArchive} lets one of its JVMs
 * dump ({@link #claimDump()}). The file's name carries the kind and a hash of the JDK, the class
 * path's jars (path, size, time) and the JVM's options, so a rebuilt jar or another JDK makes a
 * new archive; a stale or damaged one is refused by the JVM itself ({@code -Xshare:auto} then
 * runs without it). A class path with a directory on it (a build's {@code target/classes})
 * cannot be archived: no archive then, and JVMs start as before. The archives live in a directory
 * of the user's own under the temporary directory, readable by that user only, and are used only
 * from there.
 */
public final class ClassArchive {

    /** Archives kept in the directory, of each kind: a few builds' or JDKs' worth. */
    static final int KEPT = 4;

    /**
     * Whether the archive is an ahead-of-time cache (JDK 25 and later: JEPs 483, 514 and 515), which
     * holds the classes loaded and linked and the methods' profiles, written by one training run
     * ({@code -XX:AOTCacheOutput}); before JDK 25, a dynamic AppCDS archive of the classes loaded.
     */
    public static final boolean AOT = Runtime.version().feature() >= 25;

    /**
     * The lines a JVM that writes an ahead-of-time cache prints as it exits, whatever its
     * {@code -Xlog} options (it prints them itself, and so does the JVM it starts to assemble the
     * cache), which a parent that logs its children's output may log quietly.
     */
    private static final java.util.regex.Pattern DUMP_LINE = java.util.regex.Pattern.compile(
            "^(Temporary AOTConfiguration recorded: |Launching child process .* to assemble AOT cache|Picked up JAVA_TOOL_OPTIONS: .*-XX:AOTMode=create|Reading AOTConfiguration"
                    + "|AOTCache creation is complete|Removed temporary AOT configuration file).*");

    private final String kind;
    private final Path archive;
    private final Path dump;
    private final AtomicBoolean dumpClaimed = new AtomicBoolean();

    private ClassArchive(String kind, Path archive) {
        this.kind = kind;
        this.archive = archive;
        this.dump = archive.resolveSibling(archive.getFileName() + "." + ProcessHandle.current().pid() + "-" + System.nanoTime() + ".tmp");
    }

    /**
     * The archive for JVMs of {@code kind} (a word: "member", "worker") started on {@code classPath}
     * with {@code options}, or empty where there can be none.
     */
    public static Optional<ClassArchive> of(String kind, String classPath, List<String> options) {
        return of(kind, classPath, options, Path.of(System.getProperty("java.io.tmpdir"), "multitasking-cds-" + uid()));
    }

    /** The directory's name tells users apart by uid, which a command line cannot change as it can {@code user.name}. */
    private static String uid() {
        try {
            return String.valueOf(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | SecurityException e) {
            return System.getProperty("user.name", "user");
        }
    }

    /** As {@link #of(String, String, List)}, the archives kept in {@code dir}. */
    static Optional<ClassArchive> of(String kind, String classPath, List<String> options, Path dir) {
        if (!kind.matches("[a-z]+")) {
            throw new IllegalArgumentException("an archive's kind is a word in lower case, got " + kind);
        }
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
        String name = kind + "-jdk" + Runtime.version().feature() + "-" + Integer.toHexString(key.toString().hashCode()) + (AOT ? ".aot" : ".jsa");
        return Optional.of(new ClassArchive(kind, dir.resolve(name)));
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

    /** Whether the archive has been written, so JVMs can start from it. */
    public boolean exists() {
        return Files.isRegularFile(archive);
    }

    /**
     * True once for this archive while it does not exist: the JVM about to start is the one that
     * writes it ({@link #forDump}); every other starts as usual, or from it once it exists.
     */
    public boolean claimDump() {
        return !exists() && dumpClaimed.compareAndSet(false, true);
    }

    /** Options for a JVM that starts from the archive. */
    List<String> useOptions() {
        return withQuietLog((AOT ? "-XX:AOTCache=" : "-XX:SharedArchiveFile=") + archive);
    }

    /**
     * Options for the one JVM that writes the archive as it exits; with an ahead-of-time cache,
     * the JVM then starts one more JVM that assembles it, for a second or two. A training run
     * takes no {@code -Xshare} option ({@link #forDump} drops them).
     */
    List<String> dumpOptions() {
        return withQuietLog((AOT ? "-XX:AOTCacheOutput=" : "-XX:ArchiveClassesAtExit=") + dump);
    }

    /** A JVM's options, {@code options} and {@link #dumpOptions()}, for the one that writes the archive. */
    public List<String> forDump(List<String> options) {
        return with(options, dumpOptions());
    }

    /** A JVM's options, {@code options} and {@link #useOptions()}, for one that starts from the archive. */
    public List<String> forUse(List<String> options) {
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
     * deletes it. Call after the dumping JVM has ended.
     *
     * @param complete whether the dumping JVM exited by itself: a killed one may have left half a file
     */
    public void publish(boolean complete) {
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

    /** Keeps the {@value #KEPT} newest archives of its kind (15-60 MB each, one per build and JDK), deletes older ones. */
    private void prune() throws IOException {
        try (var files = Files.list(archive.getParent())) {
            List<Path> archives = files.filter(f -> f.getFileName().toString().matches(kind + "-jdk\\d+-[0-9a-f]+\\.(jsa|aot)"))
                    .sorted(java.util.Comparator.comparing(ClassArchive::modified).reversed()).toList();
            for (Path old : archives.subList(Math.min(KEPT, archives.size()), archives.size())) {
                Files.deleteIfExists(old);   // a JVM mapping it keeps its pages; the next start makes a new one
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
     * Whether {@code line}, printed by a JVM that writes an ahead-of-time cache, is one of the
     * JVM's own lines about writing it (which no {@code -Xlog} option silences).
     */
    public static boolean isDumpLine(String line) {
        return DUMP_LINE.matcher(line).matches();
    }

    /**
     * The JVM says on stdout what it could not archive (proxies, JFR's classes) and, when the
     * archive is refused, why; a member's stdout is its ready line only, and a worker's is its tasks'.
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
