package io.stressgate.server.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stressgate.server.store.EndpointPage;
import java.util.ArrayList;
import java.util.List;

/**
 * The run page's endpoint table: one stored page of endpoints and a pager, so a run with a hundred thousand
 * endpoints costs a page view no more than one with a hundred.
 */
final class EndpointsSection {
    private static final ObjectMapper JSON = new ObjectMapper();

    private EndpointsSection() {
    }

    static void render(Html page, String runPath, EndpointPage p) {
        page.element("h2", "Endpoints (" + p.total() + ")");
        if (p.total() == 0) {
            page.element("p", "The run measured its requests only as a whole.");
            return;
        }
        JsonNode list = read(p);
        boolean redirects = false;
        for (JsonNode e : list) {
            redirects |= e.path("summary").path("redirects").asLong() > 0;
        }
        List<String> columns = new ArrayList<>(List.of("endpoint", "requests", "errors", "error rate", "rps", "p95", "p99"));
        if (redirects) {
            columns.add("redirects");
        }
        page.table("endpoints", columns, rows(list, redirects));
        page.raw("<nav class=\"pager\">");
        if (p.page() > 1) {
            page.link(runPath + "?endpoints=" + Math.min(p.page() - 1, p.pages()), "previous").raw(" ");
        }
        page.raw(Html.text("page " + p.page() + " of " + p.pages()));
        if (p.page() < p.pages()) {
            page.raw(" ").link(runPath + "?endpoints=" + (p.page() + 1), "next");
        }
        page.raw("</nav>\n");
    }

    private static JsonNode read(EndpointPage p) {
        try {
            return JSON.readTree(p.endpoints());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored endpoint page cannot be read: " + e.getOriginalMessage(), e);
        }
    }

    /** One row per endpoint; the redirects column only when an endpoint of the page followed a redirect. */
    private static List<List<String>> rows(JsonNode list, boolean redirects) {
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode e : list) {
            JsonNode s = e.path("summary");
            JsonNode latency = s.path("latencyMs");
            List<String> row = new ArrayList<>(List.of(Html.cell(e.path("name").asText()), Html.cell(s.path("requests").asLong()),
                    Html.cell(s.path("errors").asLong()), Html.cell(Pages.value(s.path("errorRate").asDouble(), "%")),
                    Html.cell(Pages.value(s.path("rps").asDouble(), "/s")),
                    Html.cell(latency.isObject() ? Pages.value(latency.path("p95").asDouble(), "ms") : null),
                    Html.cell(latency.isObject() ? Pages.value(latency.path("p99").asDouble(), "ms") : null)));
            if (redirects) {
                row.add(Html.cell(s.path("redirects").asLong()));
            }
            rows.add(row);
        }
        return rows;
    }
}
