package dev.multitasking.profiling;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Properties;
import one.profiler.AsyncProfiler;

/**
 * Finds async-profiler's native library: the {@code tools.profiler:async-profiler} jar holds
 * one per platform ({@code linux-x64/libasyncProfiler.so} and others). It is extracted once
 * into a cache directory ({@code $XDG_CACHE_HOME/multitasking} or {@code ~/.cache/multitasking}),
 * checked against the jar's copy by SHA-256 on every use, written again if it differs, and
 * reused. JMH's {@code -prof async:libPath=...} takes the same path.
 */
public final class AsyncProfilerLibrary {

    private AsyncProfilerLibrary() {
    }

    /** The platform directory inside the jar for this machine, e.g. {@code linux-x64}. */
    static String platform(String osName, String osArch) {
        String os = osName.toLowerCase(Locale.ROOT);
        String arch = osArch.toLowerCase(Locale.ROOT);
        if (os.contains("linux")) {
            if (arch.equals("amd64") || arch.equals("x86_64")) {
                return "linux-x64";
            }
            if (arch.equals("aarch64") || arch.equals("arm64")) {
                return "linux-arm64";
            }
        } else if (os.contains("mac")) {
            return "macos";
        }
        throw new UnsupportedOperationException("async-profiler has no library for " + osName + " on " + osArch
                + "; it runs on Linux x64, Linux arm64 and macOS");
    }

    /** The version of the async-profiler jar on the class path. */
    public static String version() {
        try (InputStream in = AsyncProfiler.class.getResourceAsStream("/META-INF/maven/tools.profiler/async-profiler/pom.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    /**
     * The library for this machine, extracted if it is not in the cache or differs from the jar's.
     *
     * @throws UnsupportedOperationException on a platform async-profiler has no library for, saying so
     */
    public static Path path() throws IOException {
        return path(cacheRoot());
    }

    /**
     * The same, under another cache root. The library is replaced by a rename, never written over
     * in place: a JVM that has it loaded keeps its pages.
     */
    static Path path(Path cacheRoot) throws IOException {
        String platform = platform(System.getProperty("os.name"), System.getProperty("os.arch"));
        String name = platform + "/libasyncProfiler.so";
        byte[] bytes;
        try (InputStream in = AsyncProfiler.class.getResourceAsStream("/" + name)) {
            if (in == null) {
                throw new UnsupportedOperationException("the async-profiler jar on the class path holds no " + name);
            }
            bytes = in.readAllBytes();
        }
        Path dir = cacheRoot.resolve("async-profiler-" + version()).resolve(platform);
        Path lib = dir.resolve("libasyncProfiler.so");
        if (Files.isRegularFile(lib) && sha256(Files.readAllBytes(lib)).equals(sha256(bytes))) {
            return lib;
        }
        Files.createDirectories(dir);
        Path partial = Files.createTempFile(dir, "libasyncProfiler", ".part");
        try {
            Files.write(partial, bytes);
            try {
                Files.move(partial, lib, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, lib, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(partial);
        }
        return lib;
    }

    /**
     * Prints the library's path, for JMH's {@code -prof async:libPath=...}; on a platform without
     * a library, one line on stderr and exit code 2.
     */
    public static void main(String[] args) throws IOException {
        try {
            System.out.println(path());
        } catch (UnsupportedOperationException e) {
            System.err.println("profiling: " + e.getMessage());
            System.exit(2);
        }
    }

    private static Path cacheRoot() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("multitasking");
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
