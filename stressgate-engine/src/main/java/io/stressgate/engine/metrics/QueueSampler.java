package io.stressgate.engine.metrics;

import io.stressgate.engine.process.RedisEndpoint;
import io.stressgate.engine.result.QueueSummary;
import io.stressgate.engine.scenario.QueueSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.BuilderFactory;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.CommandObject;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Samples Redis queues once per tick on its own thread: per Redis server one pipelined round trip with every
 * queue's commands and {@code INFO memory} and {@code INFO clients}. When a server cannot be reached its queues get
 * empty cells and a gap, and sampling goes on; reconnection waits out a growing pause, and every command is bounded
 * by a short timeout, so a dead or hung Redis delays this thread's tick by at most that timeout.
 */
public final class QueueSampler {
    private final List<Server> servers = new ArrayList<>();
    private final Map<String, QueueTracker> trackers = new LinkedHashMap<>();
    private SampleTable table;
    private SamplingClock clock;
    private int source;
    private SamplingLoop loop;

    /** The queues of one Redis server, their trackers and where their cells go. */
    private static final class Server {
        final RedisEndpoint endpoint;
        final String columnPrefix;
        final List<QueueProbe> probes = new ArrayList<>();
        final List<QueueTracker> queues = new ArrayList<>();
        final List<Integer> firstColumns = new ArrayList<>();
        final List<Response<Long>> witnesses = new ArrayList<>();
        int memoryColumn;

        Server(RedisEndpoint endpoint, String columnPrefix) {
            this.endpoint = endpoint;
            this.columnPrefix = columnPrefix;
        }
    }

    /**
     * @param queues              the queues to sample
     * @param defaultDrainTimeout the drain limit for queues that set none
     * @param redisTimeout        connect and read timeout of every Redis command, e.g. 250 ms
     */
    public QueueSampler(List<QueueSpec> queues, Duration defaultDrainTimeout, Duration redisTimeout) {
        Map<String, Server> byUrl = new LinkedHashMap<>();
        long distinctUrls = queues.stream().map(q -> q.redisUrl() == null ? RedisEndpoint.DEFAULT_URL : q.redisUrl())
                .distinct().count();
        for (QueueSpec q : queues) {
            String url = q.redisUrl() == null ? RedisEndpoint.DEFAULT_URL : q.redisUrl();
            Server server = byUrl.computeIfAbsent(url, u -> new Server(new RedisEndpoint(u, redisTimeout),
                    distinctUrls == 1 ? "redis." : "redis." + q.name() + "."));
            server.probes.add(QueueProbe.of(q));
            QueueTracker tracker = new QueueTracker(q, q.drainTimeout() == null ? defaultDrainTimeout : q.drainTimeout());
            server.queues.add(tracker);
            if (trackers.put(q.name(), tracker) != null) {
                throw new IllegalArgumentException("two queues are named " + q.name());
            }
        }
        servers.addAll(byUrl.values());
    }

    /** This sampler's columns, without the leading {@code t}. */
    public List<String> columns() {
        List<String> columns = new ArrayList<>();
        for (Server s : servers) {
            for (int i = 0; i < s.probes.size(); i++) {
                String prefix = "queue." + s.queues.get(i).spec().name() + ".";
                s.probes.get(i).stats().forEach(stat -> columns.add(prefix + stat));
            }
            columns.add(s.columnPrefix + "used_memory");
            columns.add(s.columnPrefix + "connected_clients");
        }
        return columns;
    }

    /** Starts sampling into {@code table}, whose columns include {@link #columns()}. */
    public synchronized void start(SampleTable table, SamplingClock clock) {
        this.table = table;
        this.clock = clock;
        this.source = table.addSource();
        for (Server s : servers) {
            s.firstColumns.clear();
            for (int i = 0; i < s.probes.size(); i++) {
                s.firstColumns.add(table.column("queue." + s.queues.get(i).spec().name() + ".depth"));
            }
            s.memoryColumn = table.column(s.columnPrefix + "used_memory");
        }
        loop = new SamplingLoop("stressgate-queue-sampler", clock, this::sample);
        loop.start();
    }

    /** Stops sampling and closes the connections. */
    public synchronized void stop() {
        if (loop != null) {
            loop.stop();
        }
        servers.forEach(s -> s.endpoint.close());
    }

    /**
     * The load ended at {@code nanos}, its submissions at {@code submissionsEndNanos} (both on the
     * {@link System#nanoTime()} line): drain time counts from the submissions' end, the drain timeout from the load's.
     */
    public void loadEnded(long nanos, long submissionsEndNanos) {
        long ms = clock.millisAt(nanos);
        long from = clock.millisAt(submissionsEndNanos);
        trackers.values().forEach(t -> t.loadEnded(ms, from));
    }

    /**
     * Waits until every queue has drained or used up its drain timeout, or {@code max} passes. Returns whether
     * every queue settled. Bounded: checks once per sampling interval.
     */
    public boolean awaitSettled(Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (true) {
            long now = System.nanoTime();
            long ms = clock.millisAt(now);
            if (trackers.values().stream().allMatch(t -> t.settled(ms))) {
                return true;
            }
            if (now - deadline >= 0) {
                return false;
            }
            TimeUnit.MILLISECONDS.sleep(Math.min(clock.intervalMillis(), Math.max(1, (deadline - now) / 1_000_000)));
        }
    }

    /** The drain time of a queue so far, or null. */
    Long drainMs(String queue) {
        QueueTracker t = trackers.get(queue);
        return t == null ? null : t.drainMs();
    }

    boolean has(String queue) {
        return trackers.containsKey(queue);
    }

    public Map<String, QueueSummary> summaries() {
        Map<String, QueueSummary> all = new LinkedHashMap<>();
        trackers.forEach((name, t) -> all.put(name, t.summary()));
        return all;
    }

    /** The sampling thread's CPU time per wall time, in percent of one core. */
    public double costPercent() {
        return loop == null ? 0 : loop.costPercent();
    }

    void sample(long tick, long nanos) {
        long ms = clock.millisAt(nanos);
        for (Server s : servers) {
            sample(s, tick, ms);
        }
        table.done(source, tick);
    }

    private void sample(Server s, long tick, long ms) {
        Response<String> memory;
        Response<String> clients;
        try (Pipeline p = s.endpoint.connection(System.nanoTime()).pipelined()) {
            s.probes.forEach(probe -> probe.send(p));
            s.witnesses.clear();
            for (int i = 0; i < s.probes.size(); i++) {
                // only until the key shows up once, so a queue that was found costs nothing more per tick
                s.witnesses.add(s.queues.get(i).wasSeen() ? null : p.exists(s.probes.get(i).witnessKeys()));
            }
            memory = p.appendCommand(info("memory"));
            clients = p.appendCommand(info("clients"));
            p.sync();
        } catch (RedisEndpoint.Unavailable e) {
            unreachable(s, tick, ms, e.getMessage());
            return;
        } catch (JedisException e) {
            s.endpoint.broken(e, System.nanoTime());
            unreachable(s, tick, ms, s.endpoint.describe() + ": " + RedisEndpoint.message(e));
            return;
        }
        s.endpoint.healthy();
        for (int i = 0; i < s.probes.size(); i++) {
            readQueue(s.probes.get(i), s.queues.get(i), s.firstColumns.get(i), tick, ms);
            Response<Long> witness = s.witnesses.get(i);
            if (witness != null && witness.get() > 0) {
                s.queues.get(i).seen();
            }
        }
        table.put(tick, s.memoryColumn, RedisInfo.field(text(memory), "used_memory"));
        table.put(tick, s.memoryColumn + 1, RedisInfo.field(text(clients), "connected_clients"));
    }

    private void readQueue(QueueProbe probe, QueueTracker tracker, int column, long tick, long ms) {
        double[] values = new double[probe.stats().size()];
        try {
            probe.read(values);
        } catch (JedisDataException e) {
            writeMissing(column, values.length, tick);
            tracker.failed(ms, "Redis refused a command for " + tracker.spec().key() + ": " + RedisEndpoint.message(e));
            return;
        }
        for (int v = 0; v < values.length; v++) {
            table.put(tick, column + v, values[v]);
        }
        int unacked = probe.unackedIndex();
        tracker.sampled(ms, (long) values[0], unacked < 0 ? -1 : (long) values[unacked]);
    }

    private void unreachable(Server s, long tick, long ms, String reason) {
        for (int i = 0; i < s.probes.size(); i++) {
            writeMissing(s.firstColumns.get(i), s.probes.get(i).stats().size(), tick);
            s.queues.get(i).failed(ms, reason);
        }
        writeMissing(s.memoryColumn, 2, tick);
    }

    /** Empty cells also clear the live value, so no one acts on a depth Redis no longer confirms. */
    private void writeMissing(int column, int count, long tick) {
        for (int c = column; c < column + count; c++) {
            table.put(tick, c, Double.NaN);
        }
    }

    private static CommandObject<String> info(String section) {
        return new CommandObject<>(new CommandArguments(Protocol.Command.INFO).add(section), BuilderFactory.STRING);
    }

    private static String text(Response<String> reply) {
        try {
            return reply.get();
        } catch (JedisDataException e) {
            return null;
        }
    }
}
