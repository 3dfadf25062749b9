package dev.multitasking.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The lessons on the class path, read from each module's {@code META-INF/multitasking/lessons}
 * index. The app never links against a lesson class: it finds them by name, so production code
 * does not depend on lessons.
 */
final class Lessons {

    /**
     * @param name    what {@code primes demo} takes: {@code ramen-01} for {@code Ramen_01_OneChefInSequence}
     * @param title   the idea, in words: "one chef in sequence"
     * @param section the lecture section it retells
     * @param type    the class name
     */
    record Lesson(String name, String title, String section, String type) {
    }

    private final List<Lesson> all;

    private Lessons(List<Lesson> all) {
        this.all = all;
    }

    static Lessons discover() {
        List<Lesson> found = new ArrayList<>();
        try {
            for (URL index : Collections.list(Lessons.class.getClassLoader().getResources("META-INF/multitasking/lessons"))) {
                try (InputStream in = index.openStream()) {
                    new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                            .filter(l -> !l.isBlank() && !l.startsWith("#"))
                            .map(Lessons::parse)
                            .forEach(found::add);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the lesson index", e);
        }
        found.sort(Comparator.comparing((Lesson l) -> sectionNumber(l.section())).thenComparing(Lesson::name));
        return new Lessons(List.copyOf(found));
    }

    List<Lesson> all() {
        return all;
    }

    Optional<Lesson> named(String name) {
        return all.stream().filter(l -> l.name().equalsIgnoreCase(name)).findFirst();
    }

    private static Lesson parse(String line) {
        String[] parts = line.split("\\|", 2);
        String type = parts[0].strip();
        String simple = type.substring(type.lastIndexOf('.') + 1);       // Ramen_01_OneChefInSequence
        String[] words = simple.split("_", 3);
        String name = words[0].toLowerCase(Locale.ROOT) + "-" + words[1];
        // WhatATaskCosts: a word boundary before every capital that starts a word, "A" included.
        String title = words[2].replaceAll("([a-z0-9])([A-Z])", "$1 $2").replaceAll("([A-Z])([A-Z][a-z])", "$1 $2")
                .toLowerCase(Locale.ROOT);
        return new Lesson(name, title, parts.length > 1 ? parts[1].strip() : "", type);
    }

    private static int sectionNumber(String section) {
        int dot = section.indexOf('.');
        try {
            return dot > 0 ? Integer.parseInt(section.substring(0, dot)) : Integer.MAX_VALUE;
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }
}
