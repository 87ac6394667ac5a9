package io.stressgate.engine.metrics;

import io.stressgate.engine.scenario.QueueSpec;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.resps.StreamGroupInfo;

/**
 * The Redis commands that measure one queue, by layout. Each probe queues its commands on a pipeline
 * ({@link #send}) and reads the replies after the pipeline ran ({@link #read}); the first statistic is always the
 * depth (what waits to be picked up), the rest depend on the layout. Used by one sampling thread.
 */
abstract sealed class QueueProbe permits QueueProbe.ListProbe, QueueProbe.RqProbe, QueueProbe.CeleryProbe,
        QueueProbe.StreamProbe {
    static final String RQ_QUEUE_PREFIX = "rq:queue:";
    /** kombu's separator between a queue name and its priority; priority 0 is the plain list. */
    static final String CELERY_PRIORITY_SEPARATOR = "\u0006\u0016";
    static final String CELERY_UNACKED = "unacked";

    static QueueProbe of(QueueSpec spec) {
        return switch (spec.type()) {
            case LIST -> new ListProbe(spec.key());
            case RQ -> new RqProbe(spec.key().startsWith(RQ_QUEUE_PREFIX)
                    ? spec.key().substring(RQ_QUEUE_PREFIX.length()) : spec.key());
            case CELERY -> new CeleryProbe(spec.key());
            case STREAM -> new StreamProbe(spec.key(), spec.group());
        };
    }

    /** kombu's Redis transport keeps each exchange's bindings here; it outlives the (emptied) queue list. */
    static final String KOMBU_BINDING_PREFIX = "_kombu.binding.";

    /** The statistics this probe reads, the depth first. */
    abstract List<String> stats();

    /**
     * Keys whose existence shows the queue is real: its own key, or one its library keeps beside it while the queue
     * list itself is empty (Redis deletes an empty list). None of them existing means a wrong name or type.
     */
    abstract String[] witnessKeys();

    /** The index of the unacknowledged-tasks statistic, or -1 when the layout has none. */
    int unackedIndex() {
        return -1;
    }

    abstract void send(Pipeline pipeline);

    /** Fills {@code out} (one value per statistic) from the replies; throws when Redis refused a command. */
    abstract void read(double[] out);

    /** A plain list: {@code LLEN}. */
    static final class ListProbe extends QueueProbe {
        private final String key;
        private Response<Long> length;

        ListProbe(String key) {
            this.key = key;
        }

        List<String> stats() {
            return List.of("depth");
        }

        String[] witnessKeys() {
            return new String[] {key};
        }

        void send(Pipeline p) {
            length = p.llen(key);
        }

        void read(double[] out) {
            out[0] = length.get();
        }
    }

    /**
     * An RQ queue: the list {@code rq:queue:<name>} and the registries (sorted sets) {@code rq:wip:<name>}
     * (started; RQ has used this name from 0.x to 2.x), {@code rq:failed:<name>} and {@code rq:finished:<name>}.
     */
    static final class RqProbe extends QueueProbe {
        private final String name;
        private Response<Long> waiting;
        private Response<Long> started;
        private Response<Long> failed;
        private Response<Long> finished;

        RqProbe(String name) {
            this.name = name;
        }

        List<String> stats() {
            return List.of("depth", "started", "failed", "finished");
        }

        String[] witnessKeys() {
            return new String[] {RQ_QUEUE_PREFIX + name, "rq:wip:" + name, "rq:failed:" + name, "rq:finished:" + name};
        }

        void send(Pipeline p) {
            waiting = p.llen(RQ_QUEUE_PREFIX + name);
            started = p.zcard("rq:wip:" + name);
            failed = p.zcard("rq:failed:" + name);
            finished = p.zcard("rq:finished:" + name);
        }

        void read(double[] out) {
            out[0] = waiting.get();
            out[1] = started.get();
            out[2] = failed.get();
            out[3] = finished.get();
        }
    }

    /**
     * A Celery queue on kombu's Redis transport: the list named after the queue plus its priority lists
     * {@code <name>\x06\x16<n>} (n = 1..9 covers the default steps 3, 6, 9 and custom ones), and the size of the
     * {@code unacked} hash, which holds tasks delivered to workers but not acknowledged, for all queues of the
     * database together.
     */
    static final class CeleryProbe extends QueueProbe {
        private static final int PRIORITIES = 9;
        private final String key;
        private final List<Response<Long>> lengths = new ArrayList<>(PRIORITIES + 1);
        private Response<Long> unacked;

        CeleryProbe(String key) {
            this.key = key;
        }

        List<String> stats() {
            return List.of("depth", "unacked");
        }

        @Override
        int unackedIndex() {
            return 1;
        }

        String[] witnessKeys() {
            List<String> keys = new ArrayList<>(List.of(key, KOMBU_BINDING_PREFIX + key));
            for (int priority = 1; priority <= PRIORITIES; priority++) {
                keys.add(key + CELERY_PRIORITY_SEPARATOR + priority);
            }
            return keys.toArray(String[]::new);
        }

        void send(Pipeline p) {
            lengths.clear();
            lengths.add(p.llen(key));
            for (int priority = 1; priority <= PRIORITIES; priority++) {
                lengths.add(p.llen(key + CELERY_PRIORITY_SEPARATOR + priority));
            }
            unacked = p.hlen(CELERY_UNACKED);
        }

        void read(double[] out) {
            long depth = 0;
            for (Response<Long> length : lengths) {
                depth += length.get();
            }
            out[0] = depth;
            out[1] = unacked.get();
        }
    }

    /**
     * A stream: {@code XLEN}, and with a consumer group its pending entries (delivered, not acknowledged) from
     * {@code XINFO GROUPS}. Consumed entries stay in a stream, so with a group the depth is the group's lag
     * (entries not yet delivered, reported by Redis 7 and later); without a group, or on older Redis, it is XLEN.
     */
    static final class StreamProbe extends QueueProbe {
        private final String key;
        private final String group;
        private Response<Long> length;
        private Response<List<StreamGroupInfo>> groups;

        StreamProbe(String key, String group) {
            this.key = key;
            this.group = group;
        }

        List<String> stats() {
            return group == null ? List.of("depth") : List.of("depth", "length", "pending");
        }

        String[] witnessKeys() {
            return new String[] {key};
        }

        void send(Pipeline p) {
            length = p.xlen(key);
            groups = group == null ? null : p.xinfoGroups(key);
        }

        void read(double[] out) {
            long xlen = length.get();
            out[0] = xlen;
            if (group == null) {
                return;
            }
            out[1] = xlen;
            out[2] = 0;
            for (StreamGroupInfo info : groupInfos(xlen)) {
                if (group.equals(info.getName())) {
                    out[2] = info.getPending();
                    Object lag = info.getGroupInfo().get("lag");
                    if (lag instanceof Number n) {
                        out[0] = n.longValue();
                    }
                }
            }
        }

        /** The groups; a stream that does not exist yet (nothing sent) has none. */
        private List<StreamGroupInfo> groupInfos(long xlen) {
            try {
                return groups.get();
            } catch (JedisDataException e) {
                if (xlen == 0 && String.valueOf(e.getMessage()).contains("no such key")) {
                    return List.of();
                }
                throw e;
            }
        }
    }
}
