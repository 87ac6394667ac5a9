package io.stressgate.engine.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which bodies are held in memory and which are streamed, and how {@code bodySize} is read. */
class StreamedBodiesTest {
    @TempDir
    Path dir;

    private Body body(String request) throws Exception {
        String yaml = """
                name: bodies
                target: http://127.0.0.1:8080
                load: [{name: p, executor: burst, count: 1, request: %s}]
                """.formatted(request);
        return new ScenarioLoader(Variables.of(Map.of()), ScenarioLimits.DEFAULTS).parse("b.yml", yaml, dir)
                .load().get(0).flow().first().body();
    }

    private ScenarioException problems(String request) {
        return catchThrowableOfType(ScenarioException.class, () -> body(request));
    }

    private Path file(String name, long size) throws Exception {
        Path file = dir.resolve(name);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(size);
        }
        return file;
    }

    @Test
    void shouldKeepASmallFileInMemory() throws Exception {
        file("small.bin", Body.STREAM_ABOVE);

        assertThat(body("{method: POST, path: /, bodyFile: small.bin}")).isInstanceOfSatisfying(Body.Bytes.class,
                b -> assertThat(b.data()).hasSize((int) Body.STREAM_ABOVE));
    }

    @Test
    void shouldStreamAFileLargerThanTheThresholdWithItsRealPathAndSize() throws Exception {
        Path big = file("big.bin", 3L << 30);

        assertThat(body("{method: POST, path: /, bodyFile: big.bin, contentType: audio/wav}"))
                .isEqualTo(new Body.Streamed(java.util.List.of(new Body.FilePart(big.toRealPath(), 3L << 30)), "audio/wav"));
    }

    @Test
    void shouldStreamAMultipartFileBetweenItsHeadersInMemory() throws Exception {
        file("a.wav", 5L << 20);

        Body.Streamed b = (Body.Streamed) body("{method: POST, path: /, multipart: [{name: lang, value: en}, {name: audio, file: a.wav}]}");

        assertThat(b.pieces()).hasSize(3);
        assertThat(new String(((Body.Fixed) b.pieces().get(0)).data())).contains("name=\"lang\"", "en", "filename=\"a.wav\"");
        assertThat(b.pieces().get(1)).isEqualTo(new Body.FilePart(dir.resolve("a.wav").toRealPath(), 5L << 20));
        assertThat(new String(((Body.Fixed) b.pieces().get(2)).data())).endsWith("--\r\n");
        assertThat(b.length()).isEqualTo(b.pieces().get(0).length() + (5L << 20) + b.pieces().get(2).length());
    }

    @Test
    void shouldGenerateALargeBodySizeAsItIsSent() throws Exception {
        assertThat(body("{method: PUT, path: /, bodySize: 200MB}"))
                .isEqualTo(new Body.Streamed(java.util.List.of(new Body.Filler(200_000_000L)), "application/octet-stream"));
    }

    @Test
    void shouldGenerateASmallBodySizeOnceAsFillerBytes() throws Exception {
        Body.Bytes b = (Body.Bytes) body("{method: PUT, path: /, bodySize: 1KiB, contentType: audio/wav}");

        assertThat(b.contentType()).isEqualTo("audio/wav");
        assertThat(b.data()).hasSize(1024);
        assertThat(b.data()[1023]).isEqualTo(FillerBytes.at(1023));
    }

    @Test
    void shouldRefuseABodySizeThatIsNoSizeOrBeyondTheLimitWithItsLine() {
        for (String size : new String[] {"0B", "2TiB", "lots"}) {
            ScenarioException e = problems("{method: PUT, path: /, bodySize: " + size + "}");

            assertThat(e).as(size).isNotNull();
            assertThat(e.problems()).as(size).singleElement().satisfies(p -> {
                assertThat(p.location().line()).isEqualTo(3);
                assertThat(p.toString()).contains("bodySize");
            });
        }
    }

    @Test
    void shouldRefuseABodySizeBesideAnotherBody() throws Exception {
        Files.writeString(dir.resolve("x.txt"), "x");

        assertThat(problems("{method: PUT, path: /, bodySize: 1MB, bodyFile: x.txt}").problems())
                .anySatisfy(p -> assertThat(p.toString()).contains("give only one of", "bodyFile", "bodySize"));
    }
}
