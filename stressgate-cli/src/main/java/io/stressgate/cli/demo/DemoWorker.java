package io.stressgate.cli.demo;

import java.io.IOException;
import java.util.Map;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.args.ListDirection;
import redis.clients.jedis.exceptions.JedisException;

/**
 * A demo queue worker: takes a job off the Redis queue, marks it running, works on it, marks it finished and logs
 * the completion. With {@code --careless} it starts a helper process for each job the way seed 001's Celery task
 * started mubeng: it stops the helper when the job ends, but if the worker is killed mid-job nothing stops it,
 * and the job it held stays "running" forever (lost).
 * Run as {@code java -cp stressgate.jar io.stressgate.cli.demo.DemoWorker REDIS_PORT WORK_MS [--careless]}.
 */
public final class DemoWorker {
    private final JedisPooled redis;
    private final long workMillis;
    private final boolean careless;

    private DemoWorker(int redisPort, long workMillis, boolean careless) {
        this.redis = new JedisPooled(new HostAndPort("127.0.0.1", redisPort),
                DefaultJedisClientConfig.builder().timeoutMillis(3_000).build());
        this.workMillis = workMillis;
        this.careless = careless;
    }

    public static void main(String[] args) throws InterruptedException {
        DemoWorker worker = new DemoWorker(Integer.parseInt(args[0]), Long.parseLong(args[1]),
                args.length > 2 && args[2].equals("--careless"));
        System.out.println("demo worker " + ProcessHandle.current().pid() + " started" + (worker.careless ? " (careless)" : ""));
        worker.loop();
    }

    private void loop() throws InterruptedException {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                String id = redis.blmove(DemoKeys.QUEUE, DemoKeys.PROCESSING, ListDirection.RIGHT, ListDirection.LEFT, 1.0);
                if (id != null) {
                    work(id);
                }
            } catch (JedisException e) {
                Thread.sleep(200); // Redis is down or restarting; try again shortly
            }
        }
    }

    private void work(String id) throws InterruptedException {
        redis.hset(DemoKeys.job(id), Map.of("status", "running", "worker", Long.toString(ProcessHandle.current().pid())));
        Process helper = careless ? startHelper() : null;
        try {
            Thread.sleep(workMillis);
        } finally {
            if (helper != null) {
                helper.destroy();
            }
        }
        redis.hset(DemoKeys.job(id), "status", "finished");
        redis.lrem(DemoKeys.PROCESSING, 1, id);
        redis.rpush(DemoKeys.COMPLETED, id);
    }

    private static Process startHelper() {
        try {
            return new ProcessBuilder("sleep", "3600").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            return null;
        }
    }
}
