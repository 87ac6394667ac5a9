package io.stressgate.engine.run;

import io.stressgate.engine.report.ReportWriter;
import io.stressgate.engine.scenario.ServiceSpec;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The output folder of an external tool's phase ({@code {{out}}}): emptied before the tool starts, so an earlier
 * run's results can never be read as this one's; it fills {@code {{out}}} in, checks that results are fresh, and
 * reads the end of the tool's log for messages.
 */
final class ToolFolder {
    private static final Pattern OUT = Pattern.compile("\\{\\{\\s*out\\s*}}");
    private static final int TAIL_BYTES = 600;
    /** File systems keep modification times at a coarse grain on some machines: a file this much older still counts. */
    private static final long MTIME_SLACK_MS = 1_000;

    private final Path dir;

    private ToolFolder(Path dir) {
        this.dir = dir;
    }

    /** Creates {@code base/phase} empty (what an earlier run left there is deleted; symbolic links are not followed). */
    static ToolFolder prepare(Path base, String phase) throws IOException {
        Path root = base.toAbsolutePath().normalize();
        Path dir = root.resolve(phase).normalize();
        if (!dir.startsWith(root) || dir.equals(root)) {
            throw new IOException("phase name \"" + phase + "\" does not name a folder inside " + root);
        }
        ReportWriter.deleteTree(dir);
        Files.createDirectories(dir);
        Files.deleteIfExists(root.resolve(phase + "-1.log")); // the tool's output is appended: an earlier run's goes first
        return new ToolFolder(dir);
    }

    String fill(String text) {
        return text == null ? null : OUT.matcher(text).replaceAll(Matcher.quoteReplacement(dir.toString()));
    }

    /** The tool's service with {@code {{out}}} filled in its command, environment and working directory. */
    ServiceSpec fill(ServiceSpec tool) {
        Map<String, String> env = new LinkedHashMap<>();
        tool.env().forEach((k, v) -> env.put(k, fill(v)));
        return new ServiceSpec(tool.name(), tool.command().stream().map(this::fill).toList(), env, fill(tool.workdir()),
                tool.replicas(), tool.ready(), tool.stop(), tool.restart(), tool.location());
    }

    /** The results path with {@code {{out}}} filled in; a relative one is the tool's: from its working directory. */
    Path resultsPath(String path, String workdir) {
        Path p = Path.of(fill(path));
        if (p.isAbsolute()) {
            return p.normalize();
        }
        return (workdir == null ? Path.of("").toAbsolutePath() : Path.of(workdir)).resolve(p).normalize();
    }

    /**
     * Refuses results an earlier run left: the file at {@code path}, or (for a prefix such as Locust's {@code --csv})
     * the files beside it whose names start with it, must have been written after the tool started.
     */
    void requireFresh(Path path, Instant startedAt) throws IOException {
        List<Path> files = new ArrayList<>();
        if (Files.isRegularFile(path)) {
            files.add(path);
        } else if (Files.isDirectory(path.getParent())) {
            String prefix = path.getFileName().toString();
            try (Stream<Path> siblings = Files.list(path.getParent())) {
                siblings.filter(p -> p.getFileName().toString().startsWith(prefix) && Files.isRegularFile(p)).forEach(files::add);
            }
        }
        if (files.isEmpty()) {
            throw new IOException("the tool wrote no results at " + path);
        }
        for (Path f : files) {
            Instant written = Files.getLastModifiedTime(f).toInstant();
            if (written.plusMillis(MTIME_SLACK_MS).isBefore(startedAt)) {
                throw new IOException(f + " was last written at " + written + ", before the tool started at " + startedAt
                        + ": it is an earlier run's, not this one's");
            }
        }
    }

    /** The last lines of a log, one line, for messages (empty when there is none). */
    String tail(Path log) {
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long from = Math.max(0, file.length() - TAIL_BYTES);
            byte[] bytes = new byte[(int) (file.length() - from)];
            file.seek(from);
            file.readFully(bytes);
            String text = new String(bytes, StandardCharsets.UTF_8).strip();
            return text.replaceAll("\\s*\\R\\s*", " | ");
        } catch (IOException e) {
            return "";
        }
    }
}
