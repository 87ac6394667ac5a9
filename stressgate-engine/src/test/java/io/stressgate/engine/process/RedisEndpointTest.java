package io.stressgate.engine.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RedisEndpointTest {
    @Test
    void shouldNeverPrintARedisPassword() {
        assertThat(RedisEndpoint.redact("redis://user:s3cret@host:6379/0")).isEqualTo("redis://***@host:6379/0");
        assertThat(new RedisEndpoint("redis://:s3cret@127.0.0.1:6390/2", Duration.ofMillis(100)).describe())
                .isEqualTo("127.0.0.1:6390/2");
    }
}
