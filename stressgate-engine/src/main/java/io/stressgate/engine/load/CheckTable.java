package io.stressgate.engine.load;

import io.stressgate.engine.result.CheckSummary;
import io.stressgate.engine.scenario.CheckSpec;
import io.stressgate.engine.scenario.LoadPhase;
import io.stressgate.engine.scenario.RequestSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each check is counted: per request name, one slot per distinct check name, in the order the scenario first
 * declares them. Two requests of the same name that declare a check of the same name share its slot.
 */
final class CheckTable {
    private final List<String> names;
    private final List<Map<String, CheckSpec>> byName = new ArrayList<>();

    CheckTable(List<String> names, List<LoadPhase> load) {
        this.names = List.copyOf(names);
        names.forEach(n -> byName.add(new LinkedHashMap<>()));
        for (LoadPhase phase : load) {
            for (RequestSpec r : phase.flow().requests()) {
                int name = names.indexOf(r.name());
                r.checks().forEach(c -> byName.get(name).putIfAbsent(c.name(), c));
            }
        }
    }

    /** The number of check slots of each request name, by name index. */
    int[] counts() {
        return byName.stream().mapToInt(Map::size).toArray();
    }

    /** The slots of a request's checks under its name, or null when it has none. */
    int[] slots(RequestSpec r) {
        if (r.checks().isEmpty()) {
            return null;
        }
        List<String> slots = new ArrayList<>(byName.get(names.indexOf(r.name())).keySet());
        return r.checks().stream().mapToInt(c -> slots.indexOf(c.name())).toArray();
    }

    /** Every check with its totals, by request name in scenario order. */
    List<CheckSummary> summaries(NameStats[] totals) {
        List<CheckSummary> out = new ArrayList<>();
        for (int n = 0; n < names.size(); n++) {
            int slot = 0;
            for (CheckSpec c : byName.get(n).values()) {
                out.add(new CheckSummary(names.get(n), c.name(), c.condition(), c.failRequest(),
                        totals[n].checkPasses[slot], totals[n].checkFails[slot]));
                slot++;
            }
        }
        return out;
    }
}
