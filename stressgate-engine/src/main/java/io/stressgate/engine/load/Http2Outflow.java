package io.stressgate.engine.load;

import java.util.ArrayList;
import java.util.Iterator;

/**
 * The request bodies of one HTTP/2 connection that wait for the server's flow-control windows: the connection's and
 * each stream's send window, as the server's SETTINGS and WINDOW_UPDATE frames open them, and the bodies sent as
 * DATA frames within them.
 */
final class Http2Outflow {
    private static final int DEFAULT_WINDOW = 65_535;

    private final Http2Wire wire;
    private final ArrayList<Http2Stream> sending = new ArrayList<>();
    private int connectionWindow = DEFAULT_WINDOW;
    private int initialStreamWindow = DEFAULT_WINDOW;

    Http2Outflow(Http2Wire wire) {
        this.wire = wire;
    }

    /** A stream starts: its window is the server's initial one, and its body (if any) goes out as windows allow. */
    void started(Http2Stream s, byte[] body) {
        s.sendWindow = initialStreamWindow;
        if (body != null) {
            s.body = body;
            s.bodySent = 0;
            sending.add(s);
            send();
        }
    }

    void ended(Http2Stream s) {
        sending.remove(s);
    }

    /** The server's SETTINGS_INITIAL_WINDOW_SIZE changes the window of every open stream by the difference. */
    void initialWindow(int size, Iterable<Http2Stream> open) {
        int delta = size - initialStreamWindow;
        initialStreamWindow = size;
        open.forEach(s -> s.sendWindow += delta);
        send();
    }

    /** A WINDOW_UPDATE: of the connection when {@code s} is null, else of that stream. */
    void opened(Http2Stream s, int increment) {
        if (s == null) {
            connectionWindow += increment;
        } else {
            s.sendWindow += increment;
        }
        send();
    }

    void clear() {
        sending.clear();
    }

    /** Sends as much of the waiting bodies as the connection's and each stream's window allow. */
    private void send() {
        Iterator<Http2Stream> i = sending.iterator();
        while (i.hasNext() && connectionWindow > 0) {
            Http2Stream s = i.next();
            int n = Math.min(s.body.length - s.bodySent, Math.min(connectionWindow, s.sendWindow));
            if (n <= 0 && s.bodySent < s.body.length) {
                continue;
            }
            boolean last = s.bodySent + n == s.body.length;
            wire.data(s.id, s.body, s.bodySent, n, last);
            s.bodySent += n;
            s.sendWindow -= n;
            connectionWindow -= n;
            if (last) {
                s.body = null;
                i.remove();
            }
        }
    }
}
