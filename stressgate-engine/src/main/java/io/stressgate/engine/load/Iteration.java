package io.stressgate.engine.load;

/**
 * One iteration of a flow in progress: which step it is on, the values it extracted, and for a job chain the job
 * id, when it was submitted and its last status. Pooled and reused, so an iteration allocates nothing itself.
 */
final class Iteration extends TimerHeap.Timed {
    /** Steps of a job chain; request flows use the step index directly. */
    static final int SUBMIT = -1;
    static final int POLL = -2;

    final PhaseRuntime phase;
    final String[] vars;
    long vu;
    long number;
    int step;
    boolean first;
    long latencyStart;
    long jobStart;
    long jobDeadline;
    String lastStatus;
    boolean notFound;
    boolean active;
    boolean thinking;
    Connection connection;
    /** Redirects followed so far by the request in flight. */
    int hops;
    /** The cookies responses set: a virtual user's in the closed model, this iteration's in the open; null until one is set. */
    CookieJar cookies;

    Iteration(PhaseRuntime phase, int slots) {
        this.phase = phase;
        this.vars = new String[slots];
    }

    void begin(long vu, long number, long latencyStart) {
        this.vu = vu;
        this.number = number;
        this.latencyStart = latencyStart;
        this.first = true;
        this.step = phase.flow.job ? SUBMIT : 0;
        this.lastStatus = null;
        this.notFound = false;
        this.active = true;
        this.hops = 0;
        if (!(phase instanceof ClosedPhase)) {
            cookies = null; // an open-model iteration is a new user each time
        }
        java.util.Arrays.fill(vars, null);
    }

    @Override
    void fire(long now) {
        if (thinking) {
            thinking = false;
            phase.thinkOver(this, now);
        } else {
            phase.loop.flows.resume(this, now);
        }
    }
}
