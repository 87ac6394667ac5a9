package io.stressgate.engine.load;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The headers of a response that the client acts on itself: Location (to follow a redirect) and every Set-Cookie
 * (for the virtual user's jar). The parser hands it each header line; a response carrying neither allocates
 * nothing here.
 */
final class HopHeaders {
    /** Set-Cookie headers of one response beyond these are ignored (the jar holds fewer anyway). */
    static final int MAX_SET_COOKIES = 64;
    /** A Set-Cookie line longer than this is ignored: its cookie would be over the jar's size cap. */
    static final int MAX_SET_COOKIE_BYTES = CookieJar.MAX_COOKIE_BYTES + 1024;
    private static final byte[] LOCATION = "location".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SET_COOKIE = "set-cookie".getBytes(StandardCharsets.US_ASCII);

    private final List<String> setCookies = new ArrayList<>(0);
    private byte[] location = new byte[0];
    private int locationLength = -1;
    private boolean locationTwice;
    private boolean any;

    /** True when a header of {@code nameLength} bytes may be one of these (the parser skips the others unseen). */
    static boolean mayWant(int nameLength) {
        return nameLength == 8 || nameLength == 10; // location, set-cookie
    }

    /** True when the response carried a Location or a Set-Cookie. */
    boolean any() {
        return any;
    }

    void reset() {
        any = false;
        locationLength = -1;
        locationTwice = false;
        if (!setCookies.isEmpty()) {
            setCookies.clear();
        }
    }

    /** One header line: its name is {@code line[0, nameLength)}, its trimmed value {@code line[vs, ve)}. */
    void header(byte[] line, int nameLength, int vs, int ve) {
        if (nameLength == LOCATION.length && nameIs(line, LOCATION)) {
            any = true;
            if (locationLength >= 0) {
                locationTwice = true;
                return;
            }
            if (location.length < ve - vs) {
                location = new byte[Math.max(ve - vs, 256)];
            }
            System.arraycopy(line, vs, location, 0, ve - vs);
            locationLength = ve - vs;
        } else if (nameLength == SET_COOKIE.length && nameIs(line, SET_COOKIE) && setCookies.size() < MAX_SET_COOKIES
                && ve - vs <= MAX_SET_COOKIE_BYTES) {
            any = true;
            setCookies.add(new String(line, vs, ve - vs, StandardCharsets.ISO_8859_1));
        }
    }

    /** The Location value, or null when the response had none (or two, which is as unusable). */
    String location() {
        return locationLength < 0 || locationTwice ? null : new String(location, 0, locationLength, StandardCharsets.ISO_8859_1);
    }

    /** The Set-Cookie values in the order received (empty when none). */
    List<String> setCookies() {
        return setCookies;
    }

    private static boolean nameIs(byte[] line, byte[] lower) {
        for (int i = 0; i < lower.length; i++) {
            byte b = line[i];
            if ((b >= 'A' && b <= 'Z' ? b | 0x20 : b) != lower[i]) {
                return false;
            }
        }
        return true;
    }
}
