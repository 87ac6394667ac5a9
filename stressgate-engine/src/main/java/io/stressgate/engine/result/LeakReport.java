package io.stressgate.engine.result;

import java.util.List;

/** Open fds and listening ports of watched processes before versus after the run, and zombies left. */
public record LeakReport(int fds, int ports, int zombies, List<Detail> details) {
    public LeakReport {
        details = List.copyOf(details);
    }

    public static final LeakReport NONE = new LeakReport(0, 0, 0, List.of());

    /** One watched process and what it holds more after the run than before. */
    public record Detail(String process, long pid, String kind, long before, long after, List<String> items) {
        public Detail {
            items = List.copyOf(items);
        }
    }
}
