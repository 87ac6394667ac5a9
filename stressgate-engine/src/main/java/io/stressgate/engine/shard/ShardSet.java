package io.stressgate.engine.shard;

import io.stressgate.engine.report.ReportWriter;
import io.stressgate.engine.result.ResultsException;
import io.stressgate.engine.result.ResultsReader;
import io.stressgate.engine.result.RunResults;
import io.stressgate.engine.result.RunStatus;
import io.stressgate.engine.result.ShardInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The shards of one sharded run as their output directories hold them, checked to belong together: the same
 * scenario file (SHA-256), group, count and primary, each index once, and every index accounted for either by its
 * results or by a directory where a shard never wrote any (which makes the merge an ERROR, not a refusal).
 */
public record ShardSet(String group, int count, int primary, List<Shard> shards, List<Path> withoutResults) {

    /** One shard's results and the file they came from. */
    public record Shard(Path file, RunResults results) {
        public ShardInfo info() {
            return results.shard();
        }
    }

    public ShardSet {
        shards = List.copyOf(shards);
        withoutResults = List.copyOf(withoutResults);
    }

    /**
     * Reads {@code results.json} from every directory with the reader's size caps and strict parsing. The files are
     * read side by side where there are cores to spare (see {@link Workers}), then judged in the order given, so the
     * first directory in that order that is refused is the one named.
     */
    public static ShardSet read(List<Path> dirs, ResultsReader reader) throws ShardSetException {
        return read(dirs, reader, Workers.count());
    }

    /** {@link #read(List, ResultsReader)} on {@code workers} threads (at least one). */
    public static ShardSet read(List<Path> dirs, ResultsReader reader, int workers) throws ShardSetException {
        if (dirs.isEmpty()) {
            throw new ShardSetException(Path.of("."), "no shard directory given");
        }
        List<Read> reads = Workers.run(dirs.stream().<Supplier<Read>>map(d -> () -> Read.of(d, reader)).toList(), workers);
        List<Shard> shards = new ArrayList<>();
        List<Path> withoutResults = new ArrayList<>();
        for (Read read : reads) {
            if (read.error() != null) {
                throw read.error();
            }
            if (read.results() == null || read.results().status() == RunStatus.RUNNING) {
                // no file, or the stand-in a shard writes as it starts: it was killed or is still running, it never finished
                withoutResults.add(read.file());
                continue;
            }
            if (read.results().shard() == null) {
                throw new ShardSetException(read.file(), "holds the results of an unsharded run, not of a shard");
            }
            shards.add(new Shard(read.file(), read.results()));
        }
        if (shards.isEmpty()) {
            throw new ShardSetException(withoutResults.get(0), "no shard wrote results, so there is nothing to merge");
        }
        return check(shards, withoutResults);
    }

    /**
     * The shards a host kept itself (a CI server's build, each shard's results read with the same strict reader):
     * a stand-in of a run that never finished, and every index no shard recorded, count as shards that never wrote
     * results, which makes the merge an ERROR. {@code file} of each shard names where its results are kept.
     */
    public static ShardSet recorded(List<Shard> recorded) throws ShardSetException {
        List<Shard> shards = new ArrayList<>();
        for (Shard s : recorded) {
            if (s.results().shard() == null) {
                throw new ShardSetException(s.file(), "holds the results of an unsharded run, not of a shard");
            }
            if (s.results().status() != RunStatus.RUNNING) {
                shards.add(s);
            }
        }
        if (shards.isEmpty()) {
            throw new ShardSetException(recorded.isEmpty() ? Path.of(".") : recorded.get(0).file(),
                    "no shard recorded results, so there is nothing to merge");
        }
        int count = shards.get(0).info().count();
        Set<Integer> present = new HashSet<>();
        shards.forEach(s -> present.add(s.info().index()));
        List<Path> withoutResults = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            if (!present.contains(i)) {
                withoutResults.add(Path.of("shard " + i + " of " + count + " (no results recorded)"));
            }
        }
        return check(shards, withoutResults);
    }

    /** What one directory held: its results, nothing (null results), or why it was refused. */
    private record Read(Path file, RunResults results, ShardSetException error) {
        static Read of(Path dir, ResultsReader reader) {
            Path file = dir.resolve(ReportWriter.RESULTS);
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                return new Read(file, null, new ShardSetException(dir, "is not a directory"));
            }
            if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                return new Read(file, null, null);
            }
            try {
                return new Read(file, readOne(file, reader), null);
            } catch (ShardSetException e) {
                return new Read(file, null, e);
            }
        }
    }

    private static RunResults readOne(Path file, ResultsReader reader) throws ShardSetException {
        try {
            return reader.read(file);
        } catch (ResultsException e) {
            throw new ShardSetException(file, e.getMessage(), e);
        } catch (IOException e) {
            throw new ShardSetException(file, "cannot be read: " + e.getMessage(), e);
        }
    }

    private static ShardSet check(List<Shard> shards, List<Path> withoutResults) throws ShardSetException {
        shards.sort(Comparator.comparingInt(s -> s.info().index()));
        Shard first = shards.get(0);
        Map<Integer, Path> seen = new HashMap<>();
        for (Shard s : shards) {
            same(first, s, "scenario file (SHA-256)", r -> r.scenario().sha256());
            same(first, s, "shard group", r -> r.shard().group());
            same(first, s, "shard count", r -> r.shard().count());
            same(first, s, "primary shard", r -> r.shard().primary());
            Path before = seen.put(s.info().index(), s.file());
            if (before != null) {
                throw new ShardSetException(s.file(), "is shard " + s.info().index() + " again; " + before + " already is");
            }
        }
        int count = first.info().count();
        List<Integer> absent = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            if (!seen.containsKey(i)) {
                absent.add(i);
            }
        }
        if (absent.size() != withoutResults.size()) {
            Path where = withoutResults.isEmpty() ? first.file() : withoutResults.get(0);
            throw new ShardSetException(where, "shards " + absent + " of " + count + " are missing but "
                    + withoutResults.size() + " director" + (withoutResults.size() == 1 ? "y has" : "ies have")
                    + " no results; give one directory per shard");
        }
        return new ShardSet(first.info().group(), count, first.info().primary(), shards, withoutResults);
    }

    private static void same(Shard first, Shard other, String what, java.util.function.Function<RunResults, Object> part)
            throws ShardSetException {
        Object a = part.apply(first.results());
        Object b = part.apply(other.results());
        if (!Objects.equals(a, b)) {
            throw new ShardSetException(other.file(), "has " + what + " " + b + " but " + first.file() + " has " + a);
        }
    }

    /** The primary shard's results, or null when the primary never wrote any. */
    public Shard primaryShard() {
        return shards.stream().filter(s -> s.info().index() == primary).findFirst().orElse(null);
    }

    /** The indexes no results were found for. */
    public List<Integer> absentIndexes() {
        List<Integer> absent = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            int index = i;
            if (shards.stream().noneMatch(s -> s.info().index() == index)) {
                absent.add(i);
            }
        }
        return absent;
    }
}
