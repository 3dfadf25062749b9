package dev.multitasking.processes;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Mains that tests run in child JVMs. */
final class ChildMains {

    private ChildMains() {
    }

    /** Prints its arguments, a variable, its directory; writes to stderr; exits with args[0]. */
    static final class Report {
        public static void main(String[] args) {
            System.out.println("args=" + String.join(",", args));
            System.out.println("env=" + System.getenv("MULTITASKING_TEST"));
            System.out.println("cwd=" + Path.of("").toAbsolutePath());
            for (int i = 0; i < 500; i++) {
                System.err.println("err line " + i);
            }
            System.exit(Integer.parseInt(args[0]));
        }
    }

    /** Sleeps until killed. */
    static final class Sleeper {
        public static void main(String[] args) throws InterruptedException {
            System.out.println("sleeping");
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    /** Answers each line on stdin with the line upper-cased; exits when stdin closes. */
    static final class Shout {
        public static void main(String[] args) throws Exception {
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line; (line = in.readLine()) != null; ) {
                System.out.println(line.toUpperCase(java.util.Locale.ROOT));
                System.out.flush();
            }
        }
    }

    /** Writes to stdout what looks like a reply frame answering 999. */
    static final class ForgesAFrame {
        public static void main(String[] args) throws Exception {
            java.io.DataOutputStream out = new java.io.DataOutputStream(System.out);
            out.writeInt(10);
            out.writeByte('V');
            out.writeByte('l');
            out.writeLong(999);
            out.flush();
        }
    }
}
