package io.stressgate.engine.shard;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Runs a merge's independent tasks side by side on all cores but one, and in order on the calling thread when that
 * leaves one. A merge runs in a fresh JVM whose JIT compiler and GC keep a core busy: measured on 2 cores, reading
 * 16 shards on both took a third more CPU than on one, because the compiled code arrived later.
 */
final class Workers {
    private Workers() {
    }

    /** How many workers a merge uses here. */
    static int count() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
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
