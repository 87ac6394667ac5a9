package io.stressgate.engine.report;

import io.stressgate.engine.result.ResultsJson;
import io.stressgate.engine.result.RunResults;
import io.stressgate.engine.result.RunStatus;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Writes a run's output files into a directory: results.json, junit.xml, summary.md, report.html and, when the run
 * sampled resources, metrics.csv. Each goes through a fresh temporary file that is flushed to disk and then moved
 * into place atomically, so a reader sees the old file or the whole new one; a link at a file's place is
 * replaced, never followed. Results of a run that did not complete
 * are written the same way; every report says so at its top.
 */
public final class ReportWriter {
    public static final String RESULTS = "results.json";
    public static final String JUNIT = "junit.xml";
    public static final String SUMMARY = "summary.md";
    public static final String HTML = "report.html";
    public static final String METRICS = "metrics.csv";
    /** Where started services write their logs. */
    public static final String SERVICES = "services";

    private static final int BUFFER = 64 * 1024;

    private final JunitReport junit;
    private final SummaryReport summary;
    private final HtmlReport html;
    private final CsvReport csv;

    public ReportWriter(JunitReport junit, SummaryReport summary, HtmlReport html, CsvReport csv) {
        this.junit = junit;
        this.summary = summary;
        this.html = html;
        this.csv = csv;
    }

    /** A writer with the standard renderers. */
    public ReportWriter() {
        this(new JunitReport(), new SummaryReport(), new HtmlReport(), new CsvReport());
    }

    /**
     * Writes every output file of the run into {@code directory} (created if missing) and returns their paths.
     * metrics.csv is written from the results' (thinned) samples only when the directory has none: during a run
     * the sampler streams it there at full resolution, and that file is kept.
     */
    public List<Path> write(RunResults results, Path directory) throws IOException {
        Files.createDirectories(directory);
        // report.html serialises the results again for its charts: on a thread of its own, beside results.json (for
        // a merge of 16 shards x 1 h each is 13 MB of JSON)
        FutureTask<Path> page = new FutureTask<>(() -> write(directory, HTML, text(out -> html.render(results, out))));
        Thread pageWriter = new Thread(page, "stressgate-report-html");
        pageWriter.setDaemon(true);
        pageWriter.start();
        List<Path> written = new ArrayList<>();
        try {
            written.add(write(directory, RESULTS, out -> ResultsJson.write(results, out)));
            written.add(writeText(directory, JUNIT, junit.render(results)));
            written.add(writeText(directory, SUMMARY, summary.render(results)));
        } catch (IOException | RuntimeException e) {
            try { // the page is written, or has failed, before this returns either way
                await(page);
            } catch (IOException | RuntimeException other) {
                e.addSuppressed(other);
            }
            throw e;
        }
        written.add(await(page));
        Path streamed = directory.resolve(METRICS);
        if (Files.isRegularFile(streamed, LinkOption.NOFOLLOW_LINKS)) {
            written.add(streamed);
        } else if (results.samples() != null && !results.samples().rows().isEmpty()) {
            written.add(write(directory, METRICS, text(out -> csv.write(results.samples(), out))));
        }
        return List.copyOf(written);
    }

    private static Path await(FutureTask<Path> task) throws IOException {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while writing " + HTML, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IOException("cannot write " + HTML + ": " + cause, cause);
        }
    }

    /**
     * Makes {@code directory} this run's before anything starts: results.json is replaced atomically by a rendering of
     * {@code inProgress}, whose status RUNNING fails every reader's check; at once after, the previous run's
     * junit.xml, summary.md, report.html, metrics.csv and service logs ({@value #SERVICES}/) are removed, and stand-ins
     * saying the run is in progress take the reports' places. So a run killed before its end leaves nothing an earlier
     * run passed with (the only window is the few microseconds between the first replace and the removals).
     */
    public List<Path> startRun(RunResults inProgress, Path directory) throws IOException {
        if (inProgress.status() != RunStatus.RUNNING) {
            throw new IllegalArgumentException("the stand-in outputs must have status RUNNING, not " + inProgress.status());
        }
        Files.createDirectories(directory);
        List<Path> written = new ArrayList<>(List.of(write(directory, RESULTS, out -> ResultsJson.write(inProgress, out))));
        for (String stale : List.of(JUNIT, SUMMARY, HTML, METRICS)) {
            Files.deleteIfExists(directory.resolve(stale));
        }
        deleteTree(directory.resolve(SERVICES));
        written.add(writeText(directory, JUNIT, junit.render(inProgress)));
        written.add(writeText(directory, SUMMARY, summary.render(inProgress)));
        written.add(writeText(directory, HTML, html.render(inProgress)));
        return List.copyOf(written);
    }

    /** Deletes a directory and what it holds; links inside are removed, never followed. */
    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** What goes into one file, written to the stream it is given (which it may close: that only flushes it). */
    @FunctionalInterface
    private interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** What goes into one text file, written as UTF-8 through a writer. */
    @FunctionalInterface
    private interface TextContent {
        void writeTo(Writer out) throws IOException;
    }

    private static Content text(TextContent content) {
        return out -> {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            content.writeTo(writer);
            writer.flush();
        };
    }

    private static Path writeText(Path directory, String name, String text) throws IOException {
        return write(directory, name, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Streams {@code content} into a fresh temporary file, forces it to disk and moves it into place. */
    private static Path write(Path directory, String name, Content content) throws IOException {
        Path target = directory.resolve(name);
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("cannot write " + target + ": a directory is in the way");
        }
        // a fresh name created exclusively (never an existing file or link), with the umask's usual permissions
        Path tmp = directory.resolve("." + name + "." + UUID.randomUUID() + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), BUFFER);
                content.writeTo(new FilterOutputStream(out) {
                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        out.write(b, off, len);
                    }

                    @Override
                    public void close() throws IOException {
                        flush(); // the channel is closed below, after it is forced to disk
                    }
                });
                out.flush();
                channel.force(true);
            }
            move(tmp, target);
            return target;
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw new IOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    private static void move(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the file system of " + target + " cannot replace files atomically", e);
        }
    }
}
