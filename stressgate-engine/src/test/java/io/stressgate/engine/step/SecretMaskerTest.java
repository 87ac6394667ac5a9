package io.stressgate.engine.step;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecretMaskerTest {
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    private String written() {
        return log.toString(StandardCharsets.UTF_8);
    }

    @Test
    void shouldMaskEverySecretInEveryLine() throws Exception {
        try (SecretMasker masker = new SecretMasker(log, List.of("tok-123", "p$w"))) {
            masker.write("uploading with tok-123 and p$w\nagain tok-123tok-123\n".getBytes(StandardCharsets.UTF_8));
        }

        assertThat(written()).isEqualTo("uploading with **** and ****\nagain ********\n");
    }

    @Test
    void shouldMaskASecretSplitAcrossWrites() throws Exception {
        try (SecretMasker masker = new SecretMasker(log, List.of("tok-123"))) {
            masker.write("token tok-".getBytes(StandardCharsets.UTF_8));
            masker.flush();
            assertThat(written()).as("a partial line waits for its end").isEmpty();
            masker.write("123 done".getBytes(StandardCharsets.UTF_8));
        }

        assertThat(written()).isEqualTo("token **** done");
    }

    @Test
    void shouldPassTextWithoutSecretsUnchanged() throws Exception {
        try (SecretMasker masker = new SecretMasker(log, List.of("", "zzz"))) {
            masker.write("plain ✓ text\n".getBytes(StandardCharsets.UTF_8));
        }

        assertThat(written()).isEqualTo("plain ✓ text\n");
    }

    @Test
    void shouldLeaveTheBuildLogOpenWhenClosed() throws Exception {
        boolean[] closed = {false};
        java.io.OutputStream buildLog = new java.io.FilterOutputStream(log) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        new SecretMasker(buildLog, List.of("s")).close();

        assertThat(closed[0]).isFalse();
    }

    @Test
    void shouldNotHoldMoreThanABoundedLine() throws Exception {
        SecretMasker masker = new SecretMasker(log, List.of("x"));
        masker.write(new byte[SecretMasker.MAX_LINE]);

        assertThat(log.size()).isEqualTo(SecretMasker.MAX_LINE);
    }
}
