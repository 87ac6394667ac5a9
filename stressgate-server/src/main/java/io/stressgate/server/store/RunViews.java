package io.stressgate.server.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stressgate.engine.result.IntervalPoint;
import io.stressgate.engine.result.LoadSummary;
import io.stressgate.engine.result.ResultsJson;
import io.stressgate.engine.result.RunResults;
import io.stressgate.engine.result.TimeSeries;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What is kept of a run at ingest so that showing it costs the same however many endpoints it has: a view (the
 * results with the totals and only the {@value #VIEW_ENDPOINTS} busiest endpoints, which every page, the gate and
 * comparisons read) and the whole endpoint list cut into pages of {@value #PAGE_SIZE}.
 */
final class RunViews {
    static final int VIEW_ENDPOINTS = 20;
    static final int PAGE_SIZE = 100;
    private static final ObjectMapper JSON = ResultsJson.writer().copy()
            .disable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT);

    private RunViews() {
    }

    /** One endpoint as a page lists it. */
    record Endpoint(String name, LoadSummary summary) {
    }

    static int endpointCount(RunResults r) {
        return (int) r.load().keySet().stream().filter(n -> !n.equals(RunResults.ALL)).count();
    }

    /** The view as JSON, or null when the run has no more endpoints than a view shows (the results are the view). */
    static String viewJson(RunResults r) {
        if (endpointCount(r) <= VIEW_ENDPOINTS) {
            return null;
        }
        List<String> busiest = r.load().entrySet().stream().filter(e -> !e.getKey().equals(RunResults.ALL))
                .sorted(Comparator.comparingLong((Map.Entry<String, LoadSummary> e) -> e.getValue().requests()).reversed()
                        .thenComparing(Map.Entry::getKey))
                .limit(VIEW_ENDPOINTS).map(Map.Entry::getKey).toList();
        Map<String, LoadSummary> load = new LinkedHashMap<>();
        load.put(RunResults.ALL, r.all());
        busiest.forEach(n -> load.put(n, r.load().get(n)));
        TimeSeries all = r.timeSeries();
        TimeSeries series = null;
        if (all != null) {
            Map<String, List<IntervalPoint>> byName = new LinkedHashMap<>();
            busiest.stream().filter(all.byName()::containsKey).forEach(n -> byName.put(n, all.byName().get(n)));
            series = new TimeSeries(all.intervalMs(), all.all(), byName);
        }
        return write(r.toBuilder().load(load).timeSeries(series).build());
    }

    /** The endpoints in the order of the results, {@value #PAGE_SIZE} to a page, each page as a JSON array; never none. */
    static List<String> pages(RunResults r) {
        List<String> pages = new ArrayList<>();
        List<Endpoint> page = new ArrayList<>(PAGE_SIZE);
        for (Map.Entry<String, LoadSummary> e : r.load().entrySet()) {
            if (e.getKey().equals(RunResults.ALL)) {
                continue;
            }
            page.add(new Endpoint(e.getKey(), e.getValue()));
            if (page.size() == PAGE_SIZE) {
                pages.add(write(page));
                page.clear();
            }
        }
        if (!page.isEmpty() || pages.isEmpty()) {
            pages.add(write(page)); // a run without endpoints still has its (empty) first page
        }
        return pages;
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new StoreException("cannot write the view of a run: " + e.getMessage(), e);
        }
    }
}
