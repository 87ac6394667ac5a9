package io.stressgate.engine.load;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the client does with a response before the flow sees it: keeps the cookies it sets in the iteration's jar,
 * and when it redirects, sends the next hop on a pooled connection of the hop's origin (the same connection when it
 * stays on the origin and the connection stays open). Each hop is counted and its bytes added under the request's
 * name; the request's latency runs on from its first send over the whole chain, and its status is the last hop's.
 */
final class HopDriver {
    private static final Logger LOG = LoggerFactory.getLogger(HopDriver.class);

    private final EventLoop loop;
    private final StatsBook stats;
    private boolean refusalLogged;

    HopDriver(EventLoop loop, StatsBook stats) {
        this.loop = loop;
        this.stats = stats;
    }

    /**
     * Acts on the response that arrived on {@code c} for {@code sent}; returns true when it was a redirect, which
     * then went on as a hop or was counted as the request's error, so it is not the request's answer.
     */
    boolean answered(Connection c, CompiledRequest sent, Iteration it, int status, boolean reuse, long now) {
        HopHeaders headers = c.parser.hops();
        if (sent.client.cookies && !headers.setCookies().isEmpty()) {
            keepCookies(sent, it, headers, now);
        }
        CompiledRequest root = sent.root;
        if (root.redirects == 0 || !Redirect.is(status)) {
            return false;
        }
        Redirect next = Redirect.next(sent, it, status, headers.location(), sent.client);
        long latencyStart = c.latencyStart;
        long bytes = c.parser.wireBytes();
        if (reuse) {
            loop.pool.release(c);
        }
        if (next.hop() == null) {
            if (!refusalLogged) {
                refusalLogged = true;
                LOG.warn("request {}: {} ({}; further ones are counted, not logged)", root.spec.name(), next.why(), next.refused().key());
            }
            stats.response(root.name, (now - latencyStart) / 1000, status, next.refused(), bytes, 0);
            loop.flows.redirectFailed(it, root, now);
            return true;
        }
        it.hops++;
        stats.redirect(root.name, bytes);
        Connection on = loop.pool.acquire(next.hop().origin);
        loop.inFlight.sent(it, on);
        on.send(next.hop(), it, latencyStart, now, false);
        return true;
    }

    private static void keepCookies(CompiledRequest sent, Iteration it, HopHeaders headers, long now) {
        if (it.cookies == null) {
            it.cookies = new CookieJar();
        }
        String target = sent.target(it);
        int query = target.indexOf('?');
        String path = query < 0 ? target : target.substring(0, query);
        long epochMillis = sent.client.clock.millis();
        for (String setCookie : headers.setCookies()) {
            it.cookies.store(setCookie, sent.origin, path, now, epochMillis);
        }
    }
}
