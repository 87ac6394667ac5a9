package io.stressgate.engine.shard;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Runs a merge's independent tasks side by side on every core, and in order on the calling thread when there is one.
 * Once on all cores but one, because with the optimizing compiler a fresh JVM's compilations kept a core busy;
 * `stressgate merge` now runs with the quick compiler only (see the launcher), and on 2 cores reading and adding
 * 16 shards on both took the same CPU as on one (3.5 s against 3.6 s of CPU for 16 x 1 h) in about half the wall time.
 */
final class Workers {
    private Workers() {
    }

    /** How many workers a merge uses here. */
    static int count() {
        return Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    /** The tasks' results in the tasks' order; a task's unchecked exception is thrown again as it was. */
    static <T> List<T> run(List<Supplier<T>> tasks, int workers) {
        List<T> results = new ArrayList<>(tasks.size());
        if (workers <= 1 || tasks.size() <= 1) {
            tasks.forEach(t -> results.add(t.get()));
            return results;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(workers, tasks.size()), r -> {
            Thread t = new Thread(r, "stressgate-merge");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<T>> futures = new ArrayList<>();
            tasks.forEach(t -> futures.add(pool.submit(t::get)));
            for (Future<T> f : futures) {
                results.add(await(f));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while merging", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
