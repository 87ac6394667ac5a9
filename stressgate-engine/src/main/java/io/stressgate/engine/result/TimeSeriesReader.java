package io.stressgate.engine.result;

import com.fasterxml.jackson.core.Base64Variants;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Binds a results document's time series straight from the parser, as strictly as the mapper binds the rest: exact
 * keys, each once, primitives present and of their type (no quoted numbers, no fractions for counts). The series is
 * most of a results document (an interval point with its histogram per second), and building a tree of it, walking
 * the tree for missing fields and binding the tree took most of the time of reading a shard. Rejections carry the
 * JSON pointer of the key or value, built only then.
 */
final class TimeSeriesReader {
    private static final List<String> POINT_KEYS =
            List.of("t", "requests", "errors", "dropped", "rps", "p50", "p95", "p99", "max", "inFlight", "histogram");
    /** The keys that must be present and not null: the primitive components of {@link IntervalPoint}. */
    private static final int REQUIRED = bits("t", "requests", "errors", "dropped", "rps", "inFlight");

    private final JsonParser parser;

    private TimeSeriesReader(JsonParser parser) {
        this.parser = parser;
    }

    /** Reads the series whose first token the parser is on; null for a JSON null. */
    static TimeSeries read(JsonParser parser) throws IOException, ResultsException {
        return new TimeSeriesReader(parser).series();
    }

    private TimeSeries series() throws IOException, ResultsException {
        String at = "/timeSeries";
        if (parser.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(JsonToken.START_OBJECT, at, "an object");
        Long intervalMs = null;
        List<IntervalPoint> all = null;
        Map<String, List<IntervalPoint>> byName = null;
        boolean seenAll = false;
        boolean seenByName = false;
        for (String key = parser.nextFieldName(); key != null; key = parser.nextFieldName()) {
            parser.nextToken();
            switch (key) {
                case "intervalMs" -> {
                    once(intervalMs != null, at, key);
                    intervalMs = longValue(at + "/intervalMs");
                }
                case "all" -> {
                    once(seenAll, at, key);
                    seenAll = true;
                    all = points(at + "/all");
                }
                case "byName" -> {
                    once(seenByName, at, key);
                    seenByName = true;
                    byName = byName(at + "/byName");
                }
                default -> throw unknown(at, key);
            }
        }
        if (intervalMs == null) {
            throw missing(at + "/intervalMs");
        }
        if (all == null) {
            throw missing(at + "/all");
        }
        return new TimeSeries(intervalMs, all, byName);
    }

    private Map<String, List<IntervalPoint>> byName(String at) throws IOException, ResultsException {
        if (parser.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(JsonToken.START_OBJECT, at, "an object");
        Map<String, List<IntervalPoint>> byName = new LinkedHashMap<>();
        for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
            parser.nextToken();
            String here = at + "/" + ResultsReader.escape(name);
            List<IntervalPoint> points = points(here);
            if (points == null) {
                throw missing(here);
            }
            if (byName.put(name, points) != null) {
                throw duplicate(at, name);
            }
        }
        return byName;
    }

    private List<IntervalPoint> points(String at) throws IOException, ResultsException {
        if (parser.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(JsonToken.START_ARRAY, at, "an array");
        List<IntervalPoint> points = new ArrayList<>();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            points.add(point(at, points.size()));
        }
        return points;
    }

    private IntervalPoint point(String list, int index) throws IOException, ResultsException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            throw malformed(list + "/" + index, "expected an object");
        }
        double t = 0;
        long requests = 0;
        long errors = 0;
        long dropped = 0;
        double rps = 0;
        Double p50 = null;
        Double p95 = null;
        Double p99 = null;
        Double max = null;
        long inFlight = 0;
        EncodedHistogram histogram = null;
        int seen = 0;
        int present = 0;
        for (String key = parser.nextFieldName(); key != null; key = parser.nextFieldName()) {
            int bit = bit(key);
            if (bit == 0) {
                throw unknown(list + "/" + index, key);
            }
            if ((seen & bit) != 0) { // the pointer is built only for a refusal: this runs for every key of every point
                throw duplicate(list + "/" + index, key);
            }
            seen |= bit;
            if (parser.nextToken() == JsonToken.VALUE_NULL) {
                continue;
            }
            present |= bit;
            switch (key) {
                case "t" -> t = doubleValue(list, index, key);
                case "requests" -> requests = longValue(list, index, key);
                case "errors" -> errors = longValue(list, index, key);
                case "dropped" -> dropped = longValue(list, index, key);
                case "rps" -> rps = doubleValue(list, index, key);
                case "p50" -> p50 = doubleValue(list, index, key);
                case "p95" -> p95 = doubleValue(list, index, key);
                case "p99" -> p99 = doubleValue(list, index, key);
                case "max" -> max = doubleValue(list, index, key);
                case "inFlight" -> inFlight = longValue(list, index, key);
                default -> histogram = histogram(list, index, key);
            }
        }
        if ((present & REQUIRED) != REQUIRED) {
            throw missing(list + "/" + index + "/" + POINT_KEYS.get(Integer.numberOfTrailingZeros(REQUIRED & ~present)));
        }
        return new IntervalPoint(t, requests, errors, dropped, rps, p50, p95, p99, max, inFlight, histogram);
    }

    private static int bit(String key) {
        int i = POINT_KEYS.indexOf(key);
        return i < 0 ? 0 : 1 << i;
    }

    private static int bits(String... keys) {
        int bits = 0;
        for (String k : keys) {
            bits |= bit(k);
        }
        return bits;
    }

    /** The pointer is built only when the value is refused: a series has thousands of points. */
    private long longValue(String list, int index, String key) throws IOException, ResultsException {
        if (parser.currentToken() != JsonToken.VALUE_NUMBER_INT) {
            throw malformed(list + "/" + index + "/" + key, "expected a whole number, found " + parser.currentToken());
        }
        try {
            return parser.getLongValue();
        } catch (InputCoercionException e) {
            throw malformed(list + "/" + index + "/" + key, "out of the range of a 64-bit count");
        }
    }

    private long longValue(String at) throws IOException, ResultsException {
        if (parser.currentToken() != JsonToken.VALUE_NUMBER_INT) {
            throw malformed(at, "expected a whole number, found " + parser.currentToken());
        }
        try {
            return parser.getLongValue();
        } catch (InputCoercionException e) {
            throw malformed(at, "out of the range of a 64-bit count");
        }
    }

    private double doubleValue(String list, int index, String key) throws IOException, ResultsException {
        JsonToken token = parser.currentToken();
        if (token != JsonToken.VALUE_NUMBER_FLOAT && token != JsonToken.VALUE_NUMBER_INT) {
            throw malformed(list + "/" + index + "/" + key, "expected a number, found " + token);
        }
        return parser.getDoubleValue();
    }

    /**
     * A histogram's base64, decoded by the parser straight from the file's bytes: no string of it is built. The
     * parser's decoder allows whitespace between groups of four characters, where {@link java.util.Base64} does not;
     * what it decodes is the same.
     */
    private EncodedHistogram histogram(String list, int index, String key) throws IOException, ResultsException {
        if (parser.currentToken() != JsonToken.VALUE_STRING) {
            throw malformed(list + "/" + index + "/" + key, "expected a string, found " + parser.currentToken());
        }
        try {
            return EncodedHistogram.owning(parser.getBinaryValue(Base64Variants.MIME_NO_LINEFEEDS));
        } catch (StreamReadException e) {
            throw ResultsValidator.invalid(list + "/" + index + "/" + key, "not base64: " + e.getOriginalMessage());
        }
    }

    private void expect(JsonToken token, String at, String what) throws ResultsException {
        if (parser.currentToken() != token) {
            throw malformed(at, "expected " + what + ", found " + parser.currentToken());
        }
    }

    private static void once(boolean seenBefore, String at, String key) throws ResultsException {
        if (seenBefore) {
            throw duplicate(at, key);
        }
    }

    private static ResultsException duplicate(String at, String key) {
        return malformed(at + "/" + ResultsReader.escape(key), "Duplicate field '" + key + "'");
    }

    private static ResultsException unknown(String at, String key) {
        return malformed(at + "/" + ResultsReader.escape(key), "Unrecognized field \"" + key + "\"");
    }

    private static ResultsException missing(String at) {
        return malformed(at, "required field is missing");
    }

    private static ResultsException malformed(String at, String message) {
        return new ResultsException(ResultsException.Kind.MALFORMED, at, message);
    }
}
