package dev.multitasking.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/** The strategies on the class path, found through {@link ServiceLoader}. */
public final class Strategies {

    private final Map<String, Strategy> byName;

    private Strategies(List<Strategy> found) {
        Map<String, Strategy> map = new LinkedHashMap<>();
        for (Strategy s : found) {
            Strategy clash = map.putIfAbsent(s.name(), s);
            if (clash != null) {
                throw new IllegalStateException("two strategies named '" + s.name() + "': "
                        + clash.getClass().getName() + " and " + s.getClass().getName());
            }
        }
        this.byName = map;
    }

    /** Every strategy the class path offers: {@code sequential} first, then by name. */
    public static Strategies discover() {
        List<Strategy> found = new ArrayList<>();
        ServiceLoader.load(Strategy.class, Strategies.class.getClassLoader()).forEach(found::add);
        found.sort(Comparator.comparing((Strategy s) -> !s.name().equals(SequentialStrategy.NAME))
                .thenComparing(Strategy::name));
        return new Strategies(found);
    }

    /** All of them, in discovery order. */
    public List<Strategy> all() {
        return List.copyOf(byName.values());
    }

    /** The names, in discovery order. */
    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    /**
     * The strategy with this name.
     *
     * @throws IllegalArgumentException naming the strategies there are, when none has it
     */
    public Strategy named(String name) {
        Strategy s = byName.get(name);
        if (s == null) {
            throw new IllegalArgumentException("unknown strategy '" + name + "'; known: "
                    + byName.keySet().stream().collect(Collectors.joining(", ")));
        }
        return s;
    }
}
