package io.stressgate.engine.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.stressgate.engine.result.RunResults;
import io.stressgate.engine.run.RunSettings;
import io.stressgate.engine.run.StressRunner;
import io.stressgate.engine.scenario.ScenarioLimits;
import io.stressgate.engine.scenario.ScenarioLoader;
import io.stressgate.engine.scenario.Variables;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Large request bodies go out streamed: a file from disk, a multipart part from disk, generated filler; received
 * by a loopback sink of the test's own that counts and hashes every byte.
 */
class LargeBodiesIT {
    @TempDir
    Path dir;

    private String scenario(String url, String executor, String request) {
        return """
                name: large-bodies
                target: %s
                options: {warmup: false, gracefulStop: 5m}
                load: [{name: up, executor: burst, count: %s, request: %s}]
                """.formatted(url, executor, request);
    }

    private RunResults run(String yaml) throws Exception {
        var s = new ScenarioLoader(Variables.of(Map.of()), ScenarioLimits.DEFAULTS).parse("large.yml", yaml, dir);
        return new StressRunner(Clock.systemUTC(), new RunSettings("c", Files.createDirectories(dir.resolve("out")), 2)).start(s, LoadListener.NONE).await();
    }

    /** A file of {@code size} bytes, random in its first and last 64 KiB and sparse (zeros, no blocks) between. */
    private Path sparseFile(String name, long size, long seed) throws Exception {
        Path file = dir.resolve(name);
        byte[] edge = new byte[64 * 1024];
        new Random(seed).nextBytes(edge);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(size);
            f.write(edge);
            f.seek(size - edge.length);
            f.write(edge);
        }
        return file;
    }

    private static String sha256(Path file) throws Exception {
        MessageDigest sha = UploadSink.sha256();
        try (var in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 20];
            int n;
            while ((n = in.read(buffer)) > 0) {
                sha.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    @Test
    void shouldSendAOneGibFileFourTimesAtOnceWithTheGeneratorsHeapUnder256Mb() throws Exception {
        long size = 1L << 30;
        Path file = sparseFile("big.bin", size, 1);
        try (UploadSink sink = UploadSink.plain()) {
            Files.createDirectories(dir.resolve("out"));
            Path yaml = dir.resolve("big.yml");
            Files.writeString(yaml, scenario(sink.url("http"), "4",
                    "{method: POST, path: /up, bodyFile: big.bin, timeout: 10m}"));
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process child = new ProcessBuilder(java, "-Xmx256m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                    UploadGeneratorMain.class.getName(), yaml.toString(), dir.resolve("out").toString())
                    .redirectError(dir.resolve("child.err").toFile()).start();
            try {
                CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> new String(readAll(child), StandardCharsets.UTF_8));
                assertThat(child.waitFor(10, TimeUnit.MINUTES)).as("the generator ended within 10 minutes").isTrue();
                assertThat(child.exitValue()).as(Files.readString(dir.resolve("child.err"))).isZero();
                String[] figures = line.get(10, TimeUnit.SECONDS).trim().split(" ");

                assertThat(Long.parseLong(figures[0])).as("requests").isEqualTo(4);
                assertThat(Long.parseLong(figures[1])).as("errors").isZero();
                long heapPeak = Long.parseLong(figures[2]);
                System.out.printf("generator heap peak while sending 4 x 1 GiB: %.1f MiB%n", heapPeak / 1048576.0);
                assertThat(heapPeak).as("heap peak of the generator's JVM, bytes").isLessThan(256L << 20);
            } finally {
                ProcessHandle.of(child.pid()).ifPresent(ProcessHandle::destroyForcibly);
                child.onExit().get(10, TimeUnit.SECONDS);
            }
            String expected = sha256(file);
            assertThat(sink.uploads()).hasSize(4).allSatisfy(u -> {
                assertThat(u.complete()).isTrue();
                assertThat(u.sha256()).isEqualTo(expected);
            });
            assertThat(sink.uploads().stream().mapToLong(UploadSink.Upload::received).sum()).isEqualTo(4 * size);
        } finally {
            Files.delete(file);
        }
    }

    private static byte[] readAll(Process p) {
        try {
            return p.getInputStream().readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void shouldSendAMultipartFormWithA20MibFileIntact() throws Exception {
        Path file = sparseFile("voice.wav", 20L << 20, 2);
        Files.write(file, new byte[0], java.nio.file.StandardOpenOption.APPEND);
        try (UploadSink sink = UploadSink.plain()) {
            RunResults r = run(scenario(sink.url("http"), "1", "{method: POST, path: /asr, multipart: ["
                    + "{name: lang, value: en}, {name: audio, file: voice.wav, contentType: audio/wav}]}"));

            assertThat(r.all().requests()).as(r.statusReason()).isEqualTo(1);
            assertThat(r.all().errors()).isZero();
            UploadSink.Upload u = sink.uploads().get(0);
            String boundary = u.contentType().substring(u.contentType().indexOf("boundary=") + "boundary=".length());
            MessageDigest sha = UploadSink.sha256();
            sha.update(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"lang\"\r\n\r\nen\r\n--" + boundary
                    + "\r\nContent-Disposition: form-data; name=\"audio\"; filename=\"voice.wav\"\r\nContent-Type: audio/wav\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            sha.update(Files.readAllBytes(file));
            sha.update(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            assertThat(sink.uploads()).hasSize(1);
            assertThat(u.complete()).isTrue();
            assertThat(u.sha256()).isEqualTo(HexFormat.of().formatHex(sha.digest()));
        }
    }

    /** SplitMix64 seeded with 0, written here from its definition rather than taken from the engine. */
    static String splitMix64Sha256(long size) {
        MessageDigest sha = UploadSink.sha256();
        ByteBuffer block = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        long state = 0;
        long left = size;
        while (left > 0) {
            block.clear();
            while (block.hasRemaining()) {
                state += 0x9E3779B97F4A7C15L;
                long z = state;
                z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
                z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
                block.putLong(z ^ (z >>> 31));
            }
            int n = (int) Math.min(left, block.capacity());
            sha.update(block.array(), 0, n);
            left -= n;
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    @Test
    void shouldSendAGenerated200MbBodyOfSplitMix64Bytes() throws Exception {
        try (UploadSink sink = UploadSink.plain()) {
            RunResults r = run(scenario(sink.url("http"), "1", "{method: PUT, path: /synthetic, bodySize: 200MB, timeout: 5m}"));

            assertThat(r.all().requests()).as(r.statusReason()).isEqualTo(1);
            assertThat(r.all().errors()).isZero();
            assertThat(sink.uploads()).singleElement().satisfies(u -> {
                assertThat(u.declaredLength()).isEqualTo(200_000_000L);
                assertThat(u.complete()).isTrue();
                assertThat(u.contentType()).isEqualTo("application/octet-stream");
                assertThat(u.sha256()).isEqualTo(splitMix64Sha256(200_000_000L));
            });
        }
    }

    @Test
    void shouldFailTheRequestAsBodyFileChangedWhenTheFileShrinksWhileSent() throws Exception {
        RunResults r = changeWhileSent(file -> {
            try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
                f.setLength(4L << 20);
            }
        });

        assertThat(r.all().errorKinds()).containsExactly(Map.entry("body_file_changed", 1L));
    }

    @Test
    void shouldFailTheRequestAsBodyFileChangedWhenTheFileGrowsWhileSent() throws Exception {
        RunResults r = changeWhileSent(file -> Files.write(file, new byte[4096], java.nio.file.StandardOpenOption.APPEND));

        assertThat(r.all().errorKinds()).containsExactly(Map.entry("body_file_changed", 1L));
    }

    private interface FileChange {
        void apply(Path file) throws Exception;
    }

    /** Sends a 64 MiB file (more than loopback buffers hold) to a sink that holds it after 1 MiB while {@code change} alters the file. */
    private RunResults changeWhileSent(FileChange change) throws Exception {
        Path file = sparseFile("changing.bin", 64L << 20, 3);
        try (UploadSink sink = UploadSink.pausing(1L << 20)) {
            CompletableFuture<RunResults> run = CompletableFuture.supplyAsync(() -> {
                try {
                    return run(scenario(sink.url("http"), "1", "{method: POST, path: /up, bodyFile: changing.bin, timeout: 2m}"));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(sink.awaitPaused()).as("the upload reached the sink").isTrue();
            change.apply(file);
            sink.resume();
            RunResults r = run.get(3, TimeUnit.MINUTES);

            assertThat(r.all().requests()).isEqualTo(1);
            assertThat(sink.uploads()).singleElement().satisfies(u -> {
                assertThat(u.declaredLength()).isEqualTo(64L << 20);
                assertThat(u.received()).as("never more bytes than declared").isLessThan(64L << 20);
                assertThat(u.complete()).as("the upload was cut off").isFalse();
            });
            return r;
        }
    }
}
