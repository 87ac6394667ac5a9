package io.stressgate.engine.step;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConfinedFilesTest {
    private static final long CAP = 1024;

    @TempDir
    Path root;
    private Path out;
    private Path secret;

    @BeforeEach
    void layOutAWorkspaceWithASecretNextToIt() throws Exception {
        out = Files.createDirectories(root.resolve("ws/stressgate-out/storm"));
        Files.writeString(out.resolve("results.json"), "{\"ok\":true}");
        secret = Files.writeString(root.resolve("config.xml"), "<secret/>");
        Files.createDirectories(root.resolve("ws/stressgate-out/stormy"));
        Files.writeString(root.resolve("ws/stressgate-out/stormy/results.json"), "{\"other\":true}");
    }

    private UntrustedFileException refusal(String relative) {
        try {
            byte[] bytes = ConfinedFiles.read(out, relative, CAP);
            throw new AssertionError("read " + bytes.length + " bytes through " + relative);
        } catch (UntrustedFileException e) {
            return e;
        } catch (java.io.IOException e) {
            throw new AssertionError("expected a refusal, not " + e, e);
        }
    }

    @Test
    void shouldReadAFileInsideItsDirectory() throws Exception {
        assertThat(new String(ConfinedFiles.read(out, "results.json", CAP), StandardCharsets.UTF_8)).isEqualTo("{\"ok\":true}");
        assertThat(ConfinedFiles.read(out, "./results.json", CAP)).hasSize(11);
    }

    @ParameterizedTest
    @ValueSource(strings = {"../../../config.xml", "../stormy/results.json", "/etc/passwd", "..\\..\\..\\config.xml",
            "%2e%2e%2f%2e%2e%2fconfig.xml", "%2E%2E/config.xml", "results.json\0.png", "sub/../../config.xml", "",
            "C:\\Windows\\win.ini", "\u202Eresults.json"})
    void shouldRefuseAPathThatCouldLeaveTheDirectory(String relative) {
        assertThat(refusal(relative).kind()).isEqualTo(UntrustedFileException.Kind.REFUSED);
    }

    @Test
    void shouldRefuseAnOverlongPathOrName() {
        assertThat(refusal("a/".repeat(WorkspacePaths.MAX_LENGTH) + "results.json").kind())
                .isEqualTo(UntrustedFileException.Kind.REFUSED);
        assertThat(refusal("r".repeat(WorkspacePaths.MAX_SEGMENT + 1)).getMessage()).contains("at most 255");
    }

    @Test
    void shouldNotFollowASymbolicLinkPointingOutside() throws Exception {
        Files.delete(out.resolve("results.json"));
        Files.createSymbolicLink(out.resolve("results.json"), secret);

        assertThat(refusal("results.json").getMessage()).contains("symbolic link");
    }

    @Test
    void shouldNotFollowASymbolicLinkedDirectory() throws Exception {
        Files.createSymbolicLink(out.resolve("up"), root);

        assertThat(refusal("up/config.xml").getMessage()).contains("symbolic link");
    }

    @Test
    void shouldNotFollowASymbolicLinkEvenWhenItPointsInside() throws Exception {
        Files.createSymbolicLink(out.resolve("again.json"), out.resolve("results.json"));

        assertThat(refusal("again.json").kind()).isEqualTo(UntrustedFileException.Kind.REFUSED);
    }

    @Test
    void shouldSayWhenTheFileIsMissing() {
        assertThat(refusal("junit.xml").kind()).isEqualTo(UntrustedFileException.Kind.MISSING);
    }

    @Test
    void shouldRefuseADirectoryOrAPipe() throws Exception {
        Files.createDirectory(out.resolve("dir.json"));
        assertThat(refusal("dir.json").getMessage()).contains("not a regular file");
        Process mkfifo = new ProcessBuilder("mkfifo", out.resolve("pipe.json").toString()).start();
        assertThat(mkfifo.waitFor()).isZero();
        assertThat(refusal("pipe.json").getMessage()).contains("not a regular file");
    }

    @Test
    void shouldRefuseATwoGigabyteFileFromItsSizeAloneWithoutReadingIt() throws Exception {
        Path huge = out.resolve("huge.json");
        try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
            file.setLength(2L << 30);
        }

        UntrustedFileException e = assertTimeoutPreemptively(Duration.ofSeconds(2),
                () -> refusal("huge.json"));

        assertThat(e.kind()).isEqualTo(UntrustedFileException.Kind.TOO_LARGE);
        assertThat(e.getMessage()).as("the size comes from the file's attributes, not from bytes read (at most cap + 1)")
                .contains("has 2147483648 bytes");
    }

    @Test
    void shouldAcceptAFileOfExactlyTheCap() throws Exception {
        Files.write(out.resolve("edge.json"), new byte[(int) CAP]);

        assertThat(ConfinedFiles.read(out, "edge.json", CAP)).hasSize((int) CAP);
        Files.write(out.resolve("over.json"), new byte[(int) CAP + 1]);
        assertThatThrownBy(() -> ConfinedFiles.read(out, "over.json", CAP)).isInstanceOfSatisfying(
                UntrustedFileException.class, e -> assertThat(e.kind()).isEqualTo(UntrustedFileException.Kind.TOO_LARGE));
    }
}
