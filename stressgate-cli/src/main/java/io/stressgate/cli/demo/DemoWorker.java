package io.stressgate.cli.demo;

import java.io.IOException;
import java.lang.ref.Reference;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.args.ListDirection;
import redis.clients.jedis.exceptions.JedisException;

/**
 * A demo queue worker: takes a job off the Redis queue, marks it running, works on it (for {@code WORK_MS}, or as
 * long as the job asked, holding the memory it asked for), marks it finished and logs the completion. While Redis
 * is down it keeps trying, so a job it holds is finished once Redis is back. With {@code --careless} it starts a
 * helper process for each job the way seed 001's Celery task started mubeng: it stops the helper when the job
 * ends, but if the worker is killed mid-job nothing stops it, and the job it held stays "running" forever (lost).
 * With {@code --graceful} a TERM lets it finish the job in hand first (Celery's warm shutdown); without it a TERM
 * ends the worker at once, like a KILL.
 * Run as {@code java -cp stressgate.jar io.stressgate.cli.demo.DemoWorker REDIS_PORT WORK_MS [--careless] [--graceful]}.
 */
public final class DemoWorker {
    private static final long RETRY_MILLIS = 200;
    private static final long MAX_WARM_SHUTDOWN_MILLIS = 60_000;
    private static final List<String> FLAGS = List.of("--careless", "--graceful");

    private final JedisPooled redis;
    private final long workMillis;
    private final boolean careless;
    private volatile boolean stopping;

    private DemoWorker(int redisPort, long workMillis, boolean careless) {
        this.redis = new JedisPooled(new HostAndPort("127.0.0.1", redisPort),
                DefaultJedisClientConfig.builder().timeoutMillis(3_000).build());
        this.workMillis = workMillis;
        this.careless = careless;
    }

    public static void main(String[] args) throws InterruptedException {
        Set<String> flags = new HashSet<>(Arrays.asList(args).subList(Math.min(2, args.length), args.length));
        if (args.length < 2 || !FLAGS.containsAll(flags)) {
            System.err.println("usage: DemoWorker REDIS_PORT WORK_MS [--careless] [--graceful]");
            System.exit(2);
        }
        DemoWorker worker = new DemoWorker(Integer.parseInt(args[0]), Long.parseLong(args[1]), flags.contains("--careless"));
        long pid = ProcessHandle.current().pid();
        if (flags.contains("--graceful")) {
            Thread loop = Thread.currentThread();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> worker.stopAfterJob(loop, pid), "warm-shutdown"));
        }
        System.out.println("demo worker " + pid + " started" + (worker.careless ? " (careless)" : "")
                + (flags.contains("--graceful") ? " (graceful)" : ""));
        worker.loop();
        System.out.println("demo worker " + pid + " stopped after its last job");
    }

    /** Runs on TERM: no new job is taken, and the JVM waits until the job in hand is finished. */
    private void stopAfterJob(Thread loop, long pid) {
        System.out.println("demo worker " + pid + " got TERM: finishing the job in hand, taking no new one");
        stopping = true;
        try {
            loop.join(MAX_WARM_SHUTDOWN_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void loop() throws InterruptedException {
        while (!stopping) {
            try {
                String id = redis.blmove(DemoKeys.QUEUE, DemoKeys.PROCESSING, ListDirection.RIGHT, ListDirection.LEFT, 1.0);
                if (id != null) {
                    work(id);
                }
            } catch (JedisException e) {
                Thread.sleep(RETRY_MILLIS); // Redis is down or restarting; try again shortly
            }
        }
    }

    private void work(String id) throws InterruptedException {
        String pid = Long.toString(ProcessHandle.current().pid());
        List<String> asked = retrying(() -> redis.hmget(DemoKeys.job(id), JobSize.WORK, JobSize.MEM));
        JobSize size = JobSize.fromHash(asked.get(0), asked.get(1));
        // the helper lives from before the job shows running until after it shows finished, so a kill at any moment
        // the job is running leaves it behind (started after and stopped before, a kill in those milliseconds did not)
        Process helper = careless ? startHelper() : null;
        try {
            retrying(() -> redis.hset(DemoKeys.job(id), Map.of("status", "running", "worker", pid)));
            byte[] held = size.memBytes() == null ? null : touched(size.memBytes());
            try {
                Thread.sleep(size.workMillis() == null ? workMillis : size.workMillis());
            } finally {
                Reference.reachabilityFence(held); // the job holds its memory until it is done
            }
            retrying(() -> redis.hset(DemoKeys.job(id), "status", "finished"));
        } finally {
            if (helper != null) {
                helper.destroy();
                helper.waitFor(1, TimeUnit.SECONDS);
            }
        }
        retrying(() -> redis.lrem(DemoKeys.PROCESSING, 1, id));
        retrying(() -> redis.rpush(DemoKeys.COMPLETED, id));
    }

    /** Repeats a Redis call until it succeeds: a job in hand is finished after an outage, not dropped. */
    private static <T> T retrying(Supplier<T> call) throws InterruptedException {
        while (true) {
            try {
                return call.get();
            } catch (JedisException e) {
                Thread.sleep(RETRY_MILLIS);
            }
        }
    }

    /** Memory the job holds, with every page written so it counts in the resident set. */
    private static byte[] touched(long bytes) {
        byte[] memory = new byte[(int) Math.min(bytes, Integer.MAX_VALUE - 8)];
        for (int i = 0; i < memory.length; i += 4096) {
            memory[i] = 1;
        }
        return memory;
    }

    private static Process startHelper() {
        try {
            return new ProcessBuilder("sleep", "3600").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            return null;
        }
    }
}
