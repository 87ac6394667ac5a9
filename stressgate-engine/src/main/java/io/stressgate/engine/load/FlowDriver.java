package io.stressgate.engine.load;

import com.fasterxml.jackson.databind.JsonNode;
import io.stressgate.engine.result.ErrorKind;
import java.util.Locale;

/**
 * Moves iterations through their flows on one event loop: sends each request on a pooled connection, records
 * the outcome, extracts values for later requests, and for job chains submits, polls until done, failed or
 * timed out, and reports the job to accounting. Every response of a request with checks is put to them. A failed
 * request ends a request flow; a failed poll does not end a job chain (the job may still finish).
 */
final class FlowDriver {
    private static final int BODY_START_BYTES = 80;

    private final EventLoop loop;
    private final StatsBook stats;
    private final HopDriver hops;

    FlowDriver(EventLoop loop, StatsBook stats) {
        this.loop = loop;
        this.stats = stats;
        this.hops = new HopDriver(loop, stats);
    }

    /** Starts an iteration whose latency clock started at {@code latencyStart}. */
    void start(Iteration it, long now) {
        send(it, it.phase.flow.first(), now, false);
    }

    /** A waiting iteration's timer fired: the next poll is due. */
    void resume(Iteration it, long now) {
        send(it, it.phase.flow.poll, now, false);
    }

    private void send(Iteration it, CompiledRequest r, long now, boolean retry) {
        long latencyStart = it.first ? it.latencyStart : now;
        it.first = false;
        it.hops = 0;
        Connection c = loop.pool.acquire(r.origin);
        loop.inFlight.sent(it, c);
        c.send(r, it, latencyStart, now, retry);
    }

    /** A complete response arrived on {@code c}; {@code reuse} says whether the connection stays open. */
    void responded(Connection c, boolean reuse) {
        Iteration it = c.iteration;
        if (!loop.inFlight.settle(it, c)) {
            return; // an answer that can no longer arrive: interrupting an exchange closes its connection
        }
        CompiledRequest sent = c.request;
        CompiledRequest r = sent.root;
        long now = System.nanoTime();
        int status = c.parser.status();
        HopHeaders h = c.parser.hops();
        if (h != null && (h.any() || status >= 300 && status < 400) && hops.answered(c, sent, it, status, reuse, now)) {
            return;
        }
        ErrorKind kind = r.spec.expect().contains(status) ? null : ErrorKind.forStatus(status);
        JsonNode body = null;
        CompiledChecks checks = r.checks;
        if (kind == null && r.readsJson || checks != null && checks.json) {
            body = parse(c);
        }
        if (kind == null && r.readsJson) {
            int missing = body == null ? 0 : extract(r, it, body);
            if (missing >= 0) {
                kind = ErrorKind.OTHER;
                if (r == it.phase.flow.submit) {
                    unidentified(it.phase.flow, r, status, missing, c);
                }
            }
        }
        if (checks != null && checks.run(c.parser, body, stats, r.name) && kind == null) {
            kind = ErrorKind.CHECK;
        }
        stats.response(r.name, (now - c.latencyStart) / 1000, status, kind, c.parser.wireBytes(), c.parser.bodyBytes());
        if (reuse) {
            loop.pool.release(c);
        }
        if (r == it.phase.flow.poll) {
            pollAnswered(it, status, kind == null ? body : null, now);
        } else {
            advance(it, kind == null, now);
        }
    }

    /** The exchange on {@code c} failed without a usable response. */
    void failed(Connection c, ErrorKind kind, boolean retry) {
        CompiledRequest sent = c.request;
        Iteration it = c.iteration;
        if (!loop.inFlight.settle(it, c)) {
            return; // interrupted already, and counted out of flight then (a failure deferred past the interrupt)
        }
        CompiledRequest r = sent.root;
        long now = System.nanoTime();
        if (retry) {
            Connection fresh = loop.pool.acquire(sent.origin);
            loop.inFlight.sent(it, fresh);
            fresh.send(sent, it, c.latencyStart, now, true);
            return;
        }
        stats.failure(r.name, kind, kind == ErrorKind.TIMEOUT ? (now - c.latencyStart) / 1000 : -1);
        if (r == it.phase.flow.poll) {
            pollAnswered(it, -1, null, now);
        } else {
            advance(it, false, now);
        }
    }

    /** A redirect made request {@code r} an error (counted already): the flow goes on as after any failed request. */
    void redirectFailed(Iteration it, CompiledRequest r, long now) {
        if (r == it.phase.flow.poll) {
            pollAnswered(it, -1, null, now);
        } else {
            advance(it, false, now);
        }
    }

    private void advance(Iteration it, boolean ok, long now) {
        CompiledFlow flow = it.phase.flow;
        if (!ok) {
            end(it, false, now);
        } else if (flow.job && it.step == Iteration.SUBMIT) {
            submitted(it, now);
        } else {
            it.step++;
            sendThenOrEnd(it, now);
        }
    }

    /** Sends the request at the iteration's step (the flow's steps, or a job chain's then-requests), or ends it. */
    private void sendThenOrEnd(Iteration it, long now) {
        CompiledFlow flow = it.phase.flow;
        CompiledRequest[] steps = flow.job ? flow.then : flow.steps;
        if (it.step < steps.length) {
            send(it, steps[it.step], now, false);
        } else {
            end(it, true, now);
        }
    }

    private void submitted(Iteration it, long now) {
        CompiledFlow flow = it.phase.flow;
        it.jobStart = it.latencyStart;
        it.jobDeadline = it.jobStart + flow.jobTimeoutNanos;
        it.step = Iteration.POLL;
        flow.jobs.submitted(it.vars[flow.idSlot]);
        waitForPoll(it, now);
    }

    private void pollAnswered(Iteration it, int status, JsonNode body, long now) {
        CompiledFlow flow = it.phase.flow;
        String id = it.vars[flow.idSlot];
        if (status == 404 || status == 410) {
            it.notFound = true;
        }
        String raw = body == null ? null : text(body.at(flow.statusPointer));
        String state = raw == null ? null : raw.toLowerCase(Locale.ROOT);
        if (state != null) {
            it.notFound = false;
            it.lastStatus = state;
            if (flow.done.contains(state)) {
                flow.jobs.completed(id, (now - it.jobStart) / 1000);
                it.step = 0;
                sendThenOrEnd(it, now);
                return;
            }
            if (flow.failed.contains(state)) {
                flow.jobs.failed(id, state);
                end(it, false, now);
                return;
            }
        }
        waitForPoll(it, now);
    }

    private void waitForPoll(Iteration it, long now) {
        CompiledFlow flow = it.phase.flow;
        if (now + flow.pollEveryNanos - it.jobDeadline > 0) {
            flow.jobs.unresolved(it.vars[flow.idSlot], it.lastStatus, it.notFound);
            end(it, false, now);
            return;
        }
        loop.timers.schedule(it, now + flow.pollEveryNanos);
    }

    /** Ends an iteration that is waiting or in flight because its phase is being stopped. */
    void interrupt(Iteration it, long now) {
        CompiledFlow flow = it.phase.flow;
        loop.timers.cancel(it);
        Connection c = it.connection;
        if (loop.inFlight.settle(it, c)) {
            c.close();
        }
        if (flow.job && it.step == Iteration.POLL) {
            // only a job whose own timeout passed is a timeout; one cut short by the load's end is swept after it
            if (now - it.jobDeadline >= 0) {
                flow.jobs.unresolved(it.vars[flow.idSlot], it.lastStatus, it.notFound);
            } else {
                flow.jobs.stillOpen(it.vars[flow.idSlot], it.jobStart, it.lastStatus, it.notFound);
            }
        }
        it.active = false;
        it.phase.iterationEnded(it, false, true, now);
    }

    private void end(Iteration it, boolean completed, long now) {
        it.active = false;
        it.phase.iterationEnded(it, completed, false, now);
    }

    private static JsonNode parse(Connection c) {
        return JsonValues.parse(c.parser.body(), (int) c.parser.bodyBytes());
    }

    /** Extracts every value; returns the index of the first pointer that found none, or -1 when all did. */
    private static int extract(CompiledRequest r, Iteration it, JsonNode body) {
        for (int i = 0; i < r.extractSlots.length; i++) {
            String value = text(body.at(r.extractPointers[i]));
            if (value == null) {
                return i;
            }
            it.vars[r.extractSlots[i]] = value;
        }
        return -1;
    }

    /** An accepted submit whose reply had no job id: accounting counts it, and the first one is described. */
    private static void unidentified(CompiledFlow flow, CompiledRequest r, int status, int missing, Connection c) {
        flow.jobs.unidentified(() -> status + " from " + r.spec.name() + " had no value at "
                + (r.extractPointers.length == 0 ? "(no pointer)" : r.extractPointers[missing].toString())
                + " (body starts: " + bodyStart(c) + ")");
    }

    /** The first characters of a response body, control characters replaced, for a message. */
    private static String bodyStart(Connection c) {
        byte[] body = c.parser.body();
        int n = body == null ? 0 : (int) Math.min(Math.min(c.parser.bodyBytes(), body.length), BODY_START_BYTES);
        if (n == 0) {
            return "<empty>";
        }
        String text = new String(body, 0, n, java.nio.charset.StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(text.length() + 3);
        text.codePoints().forEach(cp -> out.appendCodePoint(Character.isISOControl(cp) ? ' ' : cp));
        return out.append(c.parser.bodyBytes() > n ? "..." : "").toString();
    }

    private static String text(JsonNode node) {
        return JsonValues.text(node);
    }
}
