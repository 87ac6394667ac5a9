package io.stressgate.server.web;

import io.javalin.http.Context;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The one place query and path parameters are read and checked: numbers in range, names without control characters,
 * http(s) links only (so {@code javascript:} never becomes a link), ISO instants; each refusal names the parameter.
 */
final class Params {
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,15}");
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}]");

    private Params() {
    }

    static String name(Context ctx, String parameter, boolean required) {
        String value = ctx.queryParam(parameter);
        if (value == null || value.isEmpty()) {
            if (required) {
                throw ApiException.badParameter(parameter, "is required");
            }
            return null;
        }
        return checkedName(parameter, value, 128);
    }

    /** A name from the path or the query: 1 to {@code max} characters, no control characters; anything else is data. */
    static String checkedName(String parameter, String value, int max) {
        if (value.isEmpty() || value.length() > max) {
            throw ApiException.badParameter(parameter, "must be 1 to " + max + " characters, not " + value.length());
        }
        if (CONTROL.matcher(value).find()) {
            throw ApiException.badParameter(parameter, "holds control characters");
        }
        return value;
    }

    static String text(Context ctx, String parameter, int max) {
        String value = ctx.queryParam(parameter);
        return value == null || value.isEmpty() ? null : checkedName(parameter, value, max);
    }

    /** A whole number from 1 up to {@code max}; {@code fallback} when absent (null: required). */
    static long positive(String parameter, String value, Long fallback, long max) {
        if (value == null || value.isEmpty()) {
            if (fallback == null) {
                throw ApiException.badParameter(parameter, "is required");
            }
            return fallback;
        }
        if (!DIGITS.matcher(value).matches()) {
            throw ApiException.badParameter(parameter, "must be a whole number from 1 to " + max);
        }
        long n = Long.parseLong(value);
        if (n < 1 || n > max) {
            throw ApiException.badParameter(parameter, n + " is not from 1 to " + max);
        }
        return n;
    }

    static long positive(Context ctx, String parameter, Long fallback, long max) {
        return positive(parameter, ctx.queryParam(parameter), fallback, max);
    }

    /** An absolute http or https URL, or null when absent. */
    static String link(Context ctx, String parameter) {
        String value = text(ctx, parameter, 2048);
        if (value == null) {
            return null;
        }
        try {
            URI uri = new URI(value);
            if (!uri.isAbsolute() || !List.of("http", "https").contains(uri.getScheme().toLowerCase(java.util.Locale.ROOT))) {
                throw ApiException.badParameter(parameter, "must be an absolute http or https URL");
            }
            return value;
        } catch (URISyntaxException e) {
            throw ApiException.badParameter(parameter, "is not a URL: " + e.getReason());
        }
    }

    static Instant instant(Context ctx, String parameter) {
        String value = text(ctx, parameter, 64);
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.badParameter(parameter, "must be an ISO-8601 instant such as 2026-11-23T12:00:00Z");
        }
    }

    /** One of the allowed words, or the fallback when absent. */
    static String choice(Context ctx, String parameter, List<String> allowed, String fallback) {
        String value = ctx.queryParam(parameter);
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        if (!allowed.contains(value)) {
            throw ApiException.badParameter(parameter, "must be one of " + allowed);
        }
        return value;
    }
}
