package dev.multitasking.app;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code primes demo}: lists the lessons by lecture section, runs one, or records their samples. */
@Command(name = "demo",
        mixinStandardHelpOptions = true,
        description = {"Lists the lessons, grouped by the lecture's sections; 'primes demo NAME' runs one.",
            "'primes demo --record [NAME...]' runs each lesson (every one without a name) in a JVM of its own and writes what it printed "
                + "into its javadoc as its sample output, with the machine, and into the READMEs' quotes of it; the name 'readme' (or none) "
                + "also re-runs each command whose output a README quotes; run it from the project's root."})
final class DemoCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "The lesson to run, e.g. ramen-01.")
    private String name;

    @Parameters(index = "1..*", paramLabel = "ARG", description = "Passed to the lesson's main (with --record: more lessons to record).")
    private List<String> args = new ArrayList<>();

    @picocli.CommandLine.Option(names = "--record", description = "Record the samples of the lessons named (of all, when none is) into their sources.")
    private boolean record;

    @Override
    public Integer call() throws Exception {
        Lessons lessons = Lessons.discover();
        PrintWriter out = spec.commandLine().getOut();
        if (record) {
            return record(lessons, out);
        }
        if (name == null) {
            String section = null;
            for (Lessons.Lesson l : lessons.all()) {
                if (!l.section().equals(section)) {
                    section = l.section();
                    out.printf("%n%s%n", section);
                }
                out.printf("  %-12s %s%n", l.name(), l.title());
            }
            out.printf("%nRun one with: primes demo NAME%n");
            out.flush();
            return CommandLine.ExitCode.OK;
        }
        Lessons.Lesson lesson = lessons.named(name).orElseThrow(() -> new ParameterException(spec.commandLine(),
                "unknown lesson '" + name + "'; 'primes demo' lists them"));
        Class<?> type = Class.forName(lesson.type());
        out.printf("%s: %s%n%s%n%n", lesson.name(), lesson.title(), claim(type));
        out.flush();
        Method main = type.getMethod("main", String[].class);
        try {
            main.invoke(null, (Object) args.toArray(String[]::new));
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
        return CommandLine.ExitCode.OK;
    }

    private int record(Lessons lessons, PrintWriter out) throws Exception {
        List<Lessons.Lesson> chosen = new ArrayList<>();
        List<String> names = new ArrayList<>();
        if (name != null) {
            names.add(name);
            names.addAll(args);
        }
        boolean readme = names.isEmpty() || names.remove("readme");
        for (String n : names) {
            chosen.add(lessons.named(n).orElseThrow(() -> new ParameterException(spec.commandLine(),
                    "unknown lesson '" + n + "'; 'primes demo' lists them ('readme': the commands the READMEs quote)")));
        }
        if (name == null) {
            chosen.addAll(lessons.all());   // no name: every lesson, and the commands the READMEs quote
        }
        SampleRecorder recorder = new SampleRecorder(java.nio.file.Path.of("").toAbsolutePath(), out);
        java.util.Map<Lessons.Lesson, java.nio.file.Path> sources = new java.util.LinkedHashMap<>();
        for (Lessons.Lesson l : chosen) {
            sources.put(l, recorder.sourceOf(l).orElseThrow(() -> new ParameterException(spec.commandLine(),
                    "the source of " + l.name() + " is not under " + java.nio.file.Path.of("").toAbsolutePath()
                            + ": run 'primes demo --record' from the project's root")));
        }
        out.printf("recording %d sample(s) on a %s%n", chosen.size(), SampleRecorder.machine());
        out.flush();
        for (var e : sources.entrySet()) {
            recorder.record(e.getKey(), e.getValue());
        }
        if (readme) {
            recorder.recordCommands();
        }
        return CommandLine.ExitCode.OK;
    }

    /** The lesson's one-line claim: its {@code CLAIM} constant, which the lesson-index contract requires. */
    private static String claim(Class<?> lesson) throws ReflectiveOperationException {
        java.lang.reflect.Field f = lesson.getDeclaredField("CLAIM");
        f.setAccessible(true);
        return (String) f.get(null);
    }
}
