package io.stressgate.engine.load;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The cookies of one virtual user (closed model) or one iteration (open model), kept by the essentials of RFC 6265:
 * host-only cookies versus those with a Domain, path matching (with the default path of the setting request),
 * Max-Age before Expires, deletion by an expiry in the past, Secure cookies set and sent over https only. It holds at
 * most {@link #MAX_COOKIES} cookies of at most {@link #MAX_COOKIE_BYTES} each, so a hostile server cannot grow the
 * generator's memory. Expiry runs on {@code System.nanoTime()}; an Expires date is turned into a delay by the run's
 * clock when the cookie is stored. Used by its event loop's thread only.
 */
final class CookieJar {
    static final int MAX_COOKIES = 50;
    /** The largest name plus value kept; a larger cookie is ignored. */
    static final int MAX_COOKIE_BYTES = 4096;
    /** Longer lifetimes are cut to this, which is as good as forever for a test run and cannot overflow. */
    private static final long MAX_LIFETIME_SECONDS = 10L * 365 * 24 * 3600;

    private record Cookie(String name, String value, String domain, boolean hostOnly, String path, boolean secure,
                          boolean session, long expiresNanos) {
        boolean expired(long now) {
            return !session && expiresNanos - now <= 0;
        }
    }

    private final List<Cookie> cookies = new ArrayList<>();

    /** Cookies held now, expired ones included until they are swept. */
    int size() {
        return cookies.size();
    }

    /**
     * Stores (or, expired, deletes) the cookie of one Set-Cookie value received from {@code origin} for a request to
     * {@code requestPath}; {@code epochMillis} is the run clock's time, for an Expires date. An unusable value is
     * ignored, as a browser does.
     */
    void store(String setCookie, Origin origin, String requestPath, long nowNanos, long epochMillis) {
        int semicolon = setCookie.indexOf(';');
        String pair = semicolon < 0 ? setCookie : setCookie.substring(0, semicolon);
        int eq = pair.indexOf('=');
        if (eq <= 0) {
            return;
        }
        String name = pair.substring(0, eq).trim();
        String value = pair.substring(eq + 1).trim();
        if (name.isEmpty() || name.length() + value.length() > MAX_COOKIE_BYTES || hasControl(name) || hasControl(value)) {
            return;
        }
        Attributes a = semicolon < 0 ? new Attributes() : Attributes.parse(setCookie.substring(semicolon + 1));
        String host = host(origin);
        boolean hostOnly = a.domain == null;
        String domain = hostOnly ? host : a.domain;
        if (!hostOnly && !domainMatches(host, domain) || a.secure && !origin.tls()) {
            return;
        }
        String path = a.path != null ? a.path : defaultPath(requestPath);
        boolean session = a.maxAge == null && a.expiresMillis == null;
        long expires = 0;
        if (!session) {
            long seconds = a.maxAge != null ? a.maxAge : Math.floorDiv(a.expiresMillis - epochMillis, 1000L);
            expires = nowNanos + Math.max(-1, Math.min(seconds, MAX_LIFETIME_SECONDS)) * 1_000_000_000L;
        }
        cookies.removeIf(c -> c.name.equals(name) && c.domain.equals(domain) && c.path.equals(path));
        Cookie cookie = new Cookie(name, value, domain, hostOnly, path, a.secure, session, expires);
        if (cookie.expired(nowNanos)) {
            return; // an expiry in the past only deletes
        }
        if (cookies.size() >= MAX_COOKIES) {
            cookies.removeIf(c -> c.expired(nowNanos));
        }
        if (cookies.size() >= MAX_COOKIES) {
            cookies.remove(0); // the oldest gives way, so the jar stays bounded and the newest login still works
        }
        cookies.add(cookie);
    }

    /** The Cookie header value for a request to {@code origin} and {@code path}, or null when no cookie applies. */
    String header(Origin origin, String path, long nowNanos) {
        List<Cookie> matching = null;
        String host = null;
        for (Cookie c : cookies) {
            if (host == null) {
                host = host(origin);
            }
            if (!c.expired(nowNanos) && (c.hostOnly ? host.equals(c.domain) : domainMatches(host, c.domain))
                    && pathMatches(path, c.path) && (!c.secure || origin.tls())) {
                if (matching == null) {
                    matching = new ArrayList<>(4);
                }
                matching.add(c);
            }
        }
        if (matching == null) {
            return null;
        }
        matching.sort((x, y) -> y.path.length() - x.path.length()); // stable: equal paths stay oldest first
        StringBuilder out = new StringBuilder();
        for (Cookie c : matching) {
            out.append(out.length() == 0 ? "" : "; ").append(c.name).append('=').append(c.value);
        }
        return out.toString();
    }

    /**
     * The request {@code bytes} (request line, headers, blank line, body) with a Cookie header added before the blank
     * line when a cookie applies; the same array when none does.
     */
    byte[] addTo(byte[] bytes, Origin origin, long nowNanos) {
        if (cookies.isEmpty()) {
            return bytes;
        }
        String header = header(origin, requestPath(bytes), nowNanos);
        int end = headEnd(bytes);
        if (header == null || end < 0) {
            return bytes;
        }
        byte[] line = ("Cookie: " + header + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
        byte[] out = new byte[bytes.length + line.length];
        System.arraycopy(bytes, 0, out, 0, end);
        System.arraycopy(line, 0, out, end, line.length);
        System.arraycopy(bytes, end, out, end + line.length, bytes.length - end);
        return out;
    }

    /** The path of a request line's target (before any query). */
    static String requestPath(byte[] request) {
        int start = 0;
        while (start < request.length && request[start] != ' ') {
            start++;
        }
        int end = ++start;
        while (end < request.length && request[end] != ' ' && request[end] != '?' && request[end] != '\r') {
            end++;
        }
        return end > start ? new String(request, start, end - start, StandardCharsets.ISO_8859_1) : "/";
    }

    /** Where the blank line ending the head starts (after the last header's CRLF), or -1. */
    private static int headEnd(byte[] b) {
        for (int i = 0; i + 3 < b.length; i++) {
            if (b[i] == '\r' && b[i + 1] == '\n' && b[i + 2] == '\r' && b[i + 3] == '\n') {
                return i + 2;
            }
        }
        return -1;
    }

    private static String host(Origin origin) {
        return origin.uri.getHost().toLowerCase(Locale.ROOT);
    }

    /** RFC 6265 5.1.3: the host is the domain, or ends with "." and the domain and is a name, not an address. */
    static boolean domainMatches(String host, String domain) {
        if (host.equals(domain)) {
            return true;
        }
        return host.endsWith(domain) && host.charAt(host.length() - domain.length() - 1) == '.' && !isAddress(host);
    }

    private static boolean isAddress(String host) {
        return host.startsWith("[") || host.chars().allMatch(ch -> ch == '.' || ch >= '0' && ch <= '9');
    }

    /** RFC 6265 5.1.4: the cookie's path is the request path, or a prefix of it ending at a "/". */
    static boolean pathMatches(String requestPath, String cookiePath) {
        if (requestPath.equals(cookiePath)) {
            return true;
        }
        return requestPath.startsWith(cookiePath)
                && (cookiePath.endsWith("/") || requestPath.charAt(cookiePath.length()) == '/');
    }

    /** RFC 6265 5.1.4: the directory of the request path, "/" at the top. */
    static String defaultPath(String requestPath) {
        int last = requestPath.lastIndexOf('/');
        return !requestPath.startsWith("/") || last <= 0 ? "/" : requestPath.substring(0, last);
    }

    private static boolean hasControl(String s) {
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch < 0x20 || ch == 0x7f) {
                return true;
            }
        }
        return false;
    }

    /** The attributes of a Set-Cookie value this jar acts on; unknown ones and bad values are ignored. */
    private static final class Attributes {
        String domain;
        String path;
        boolean secure;
        Long maxAge;
        Long expiresMillis;

        static Attributes parse(String text) {
            Attributes a = new Attributes();
            for (String part : text.split(";")) {
                int eq = part.indexOf('=');
                String key = (eq < 0 ? part : part.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
                String value = eq < 0 ? "" : part.substring(eq + 1).trim();
                switch (key) {
                    case "domain" -> {
                        String d = value.startsWith(".") ? value.substring(1) : value;
                        a.domain = d.isEmpty() ? a.domain : d.toLowerCase(Locale.ROOT);
                    }
                    case "path" -> a.path = value.startsWith("/") ? value : null;
                    case "secure" -> a.secure = true;
                    case "max-age" -> a.maxAge = value.matches("-?\\d{1,18}") ? Long.valueOf(value) : a.maxAge;
                    case "expires" -> a.expiresMillis = date(value, a.expiresMillis);
                    default -> {
                        // HttpOnly, SameSite and others do not change what a load client sends
                    }
                }
            }
            return a;
        }

        private static Long date(String text, Long fallback) {
            try {
                return ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli();
            } catch (DateTimeException e) {
                return fallback; // RFC 6265 5.2.1: an Expires it cannot read is ignored
            }
        }
    }
}
