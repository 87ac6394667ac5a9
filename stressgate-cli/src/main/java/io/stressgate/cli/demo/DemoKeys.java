package io.stressgate.cli.demo;

/** The Redis keys the demo API and its workers share: an RQ-like list queue, per-job hashes, and a completions log. */
final class DemoKeys {
    static final String QUEUE = "demo:queue";
    static final String PROCESSING = "demo:processing";
    static final String COMPLETED = "demo:completed";
    static final String JOB_PREFIX = "demo:job:";

    private DemoKeys() {
    }

    static String job(String id) {
        return JOB_PREFIX + id;
    }
}
