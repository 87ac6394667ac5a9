package io.stressgate.engine.result;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ResultsValidatorTest {

    private static boolean jdkAccepts(String text) {
        try {
            Base64.getDecoder().decode(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Test
    void shouldTakeAsBase64ExactlyWhatTheJdksDecoderTakes() {
        Random random = new Random(5);
        String letters = "AZaz09+/=-_ \\n!";
        int accepted = 0;
        for (int round = 0; round < 20_000; round++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(9);
            for (int i = 0; i < length; i++) {
                text.append(random.nextInt(4) == 0 ? letters.charAt(random.nextInt(letters.length())) : 'Q');
            }
            String t = text.toString();
            assertThat(ResultsValidator.isBase64(t)).as("\"%s\"", t).isEqualTo(jdkAccepts(t));
            accepted += jdkAccepts(t) ? 1 : 0;
        }
        assertThat(accepted).as("valid cases drawn").isGreaterThan(1_000);
        assertThat(ResultsValidator.isBase64(Histograms.encode(Histograms.forRequests()))).isTrue();
    }
}
