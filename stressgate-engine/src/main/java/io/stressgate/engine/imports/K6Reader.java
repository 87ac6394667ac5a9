package io.stressgate.engine.imports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads k6 results: the file of {@code --out json=FILE} (one JSON object a line; every {@code Point} of
 * {@code http_req_duration} is a request, named by its {@code name} tag, failed when its {@code expected_response}
 * tag is false or, without that tag, when its status is 0 or 400 and up; its time is the request's end), or the
 * file of {@code --summary-export}, which holds only summaries: counts, and avg/min/med/max/p(90)/p(95) of
 * {@code http_req_duration} (anything else, p99 included, is "not given by k6 summary-export"). No k6 runs here: the
 * importer is tested on files in k6's documented formats.
 */
final class K6Reader {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final SampleBook book = new SampleBook();

    ImportedResults read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new ImportException(file, 0, "no such file");
        }
        String reason = null;
        long lines = 0;
        try (LineSource in = new LineSource(file)) {
            String first = in.next();
            if (first == null || first.isBlank()) {
                throw new ImportException(file, 0, "the file is empty");
            }
            JsonNode head = parse(first, in);
            if (head == null) {
                return summary(file);
            }
            for (String line = first; line != null; line = in.next()) {
                if (!in.lastTerminated()) {
                    reason = "line " + in.number() + " is cut off (no line end): k6 was stopped or still writing";
                    break;
                }
                if (!line.isBlank()) {
                    point(line == first ? head : parse(line, in), in);
                }
            }
            lines = in.number();
        }
        return book.results("k6", "unknown", file, lines, reason == null, reason);
    }

    /** A line of the points file, or null for the first line of a summary export (a multi-line JSON document). */
    private static JsonNode parse(String line, LineSource in) throws ImportException {
        try {
            JsonNode node = JSON.readTree(line);
            if (node == null || !node.has("type")) {
                if (in.number() == 1) {
                    return null;
                }
                throw in.problem("a JSON object without \"type\": not a line of k6's --out json");
            }
            return node;
        } catch (JsonProcessingException e) {
            if (in.number() == 1) {
                return null;
            }
            throw in.problem("not JSON: " + e.getOriginalMessage());
        }
    }

    private void point(JsonNode node, LineSource in) throws ImportException {
        if (!"Point".equals(node.path("type").asText()) || !"http_req_duration".equals(node.path("metric").asText())) {
            return;
        }
        JsonNode data = node.path("data");
        JsonNode tags = data.path("tags");
        if (!data.path("value").isNumber() || data.path("value").asDouble() < 0) {
            throw in.problem("a http_req_duration point without a non-negative \"value\"");
        }
        long micros = Math.round(data.path("value").asDouble() * 1000);
        long end;
        try {
            end = OffsetDateTime.parse(data.path("time").asText()).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            throw in.problem("\"time\" '" + data.path("time").asText() + "' is not an RFC 3339 time");
        }
        String status = tags.path("status").asText("0");
        boolean failed = tags.has("expected_response") ? !"true".equals(tags.path("expected_response").asText())
                : status.equals("0") || status.compareTo("400") >= 0 && status.length() == 3;
        String name = tags.path("name").asText(tags.path("url").asText("(unnamed)"));
        NameBook named = book.name(name);
        if (named == null) {
            throw in.problem(SampleBook.tooManyNames(name));
        }
        book.add(named, end - micros / 1000, micros, failed, status, 0, -1);
    }

    private static ImportedResults summary(Path file) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            long line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new ImportException(file, line, "neither k6 points nor a k6 summary export: " + e.getOriginalMessage());
        }
        JsonNode metrics = root == null ? null : root.get("metrics");
        if (metrics == null || !metrics.has("http_reqs")) {
            throw new ImportException(file, 1, "no \"metrics\" with \"http_reqs\": not a k6 --summary-export file");
        }
        long requests = metrics.path("http_reqs").path("count").asLong(-1);
        if (requests < 0) {
            throw new ImportException(file, 0, "metrics.http_reqs.count is missing");
        }
        long failures = metrics.path("http_req_failed").path("passes").asLong(0);
        Map<String, Double> stats = new LinkedHashMap<>();
        JsonNode d = metrics.path("http_req_duration");
        for (var e : Map.of("avg", "mean", "min", "min", "med", "p50", "max", "max").entrySet()) {
            if (d.path(e.getKey()).isNumber()) {
                stats.put(e.getValue(), d.path(e.getKey()).asDouble());
            }
        }
        d.fieldNames().forEachRemaining(k -> {
            if (k.matches("p\\(\\d+(\\.\\d+)?\\)") && d.path(k).isNumber()) {
                stats.put("p" + k.substring(2, k.length() - 1), d.path(k).asDouble());
            }
        });
        RequestFigures total = new RequestFigures(requests, failures, Map.of(), 0, null,
                requests == 0 ? null : new ReportedLatency("k6 summary-export", stats));
        double rate = metrics.path("http_reqs").path("rate").asDouble(0);
        return new ImportedResults("k6", "unknown", file, null,
                rate > 0 ? Duration.ofMillis(Math.round(requests / rate * 1000)) : null, Map.of(), total, null,
                List.of(), Map.of(), 0, true, null);
    }
}
