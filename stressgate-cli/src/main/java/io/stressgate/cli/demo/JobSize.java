package io.stressgate.cli.demo;

import io.stressgate.engine.scenario.Quantities;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How long a demo job works and how much memory it holds, when the submitter asks ({@code ?work=5s&mem=32MB});
 * null fields leave the worker's defaults. Kept in the job's Redis hash as milliseconds and bytes.
 */
record JobSize(Long workMillis, Long memBytes) {
    static final String WORK = "work";
    static final String MEM = "mem";
    private static final long MAX_WORK_MILLIS = 10 * 60_000L;
    private static final long MAX_MEM_BYTES = 512L << 20;

    /** Reads the query string of a submit; null when a value is not a duration or size within the limits. */
    static JobSize fromQuery(String rawQuery) {
        Long work = null;
        Long mem = null;
        if (rawQuery == null) {
            return new JobSize(null, null);
        }
        try {
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                String key = eq < 0 ? pair : pair.substring(0, eq);
                String value = URLDecoder.decode(eq < 0 ? "" : pair.substring(eq + 1), StandardCharsets.UTF_8);
                if (key.equals(WORK)) {
                    work = Quantities.duration(value).toMillis();
                } else if (key.equals(MEM)) {
                    mem = Quantities.bytes(value);
                }
            }
        } catch (IllegalArgumentException e) {
            return null;
        }
        boolean sane = (work == null || work >= 0 && work <= MAX_WORK_MILLIS) && (mem == null || mem >= 0 && mem <= MAX_MEM_BYTES);
        return sane ? new JobSize(work, mem) : null;
    }

    /** The fields of a new job's hash: its status and the size asked for. */
    Map<String, String> withStatus(String status) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("status", status);
        if (workMillis != null) {
            fields.put(WORK, Long.toString(workMillis));
        }
        if (memBytes != null) {
            fields.put(MEM, Long.toString(memBytes));
        }
        return fields;
    }

    /** The size kept in a job's hash; fields missing or unreadable leave the worker's defaults. */
    static JobSize fromHash(String work, String mem) {
        return new JobSize(parse(work), parse(mem));
    }

    private static Long parse(String number) {
        try {
            return number == null ? null : Long.valueOf(number);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
