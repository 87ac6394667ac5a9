package io.stressgate.engine.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpOptionsTest {
    private final ScenarioLoader loader = new ScenarioLoader(Variables.of(Map.of()), ScenarioLimits.DEFAULTS);

    private Scenario load(String options) throws ScenarioException {
        return loader.parse("h2.yml", """
                name: h2
                target: https://127.0.0.1:8443
                options: %s
                load: [{name: root, executor: burst, count: 1, request: {path: /}}]
                """.formatted(options), Path.of("."));
    }

    @Test
    void shouldSpeakHttp11UnlessToldOtherwise() throws Exception {
        assertThat(load("{threads: 1}").options().http()).isEqualTo(HttpOptions.HTTP_1_1);
        assertThat(load("{http: 1.1}").options().http().http2()).isFalse();
    }

    @Test
    void shouldReadHttp2WithItsStreamLimitAndFallback() throws Exception {
        HttpOptions http = load("{http: 2, maxStreams: 8, http2Fallback: true}").options().http();

        assertThat(http).isEqualTo(new HttpOptions(true, 8, true));
        assertThat(load("{http: 2}").options().http()).isEqualTo(new HttpOptions(true, HttpOptions.DEFAULT_MAX_STREAMS, false));
    }

    @Test
    void shouldReportEveryBadHttpOptionWithItsLineAndKey() {
        ScenarioException e = catchThrowableOfType(ScenarioException.class, () -> loader.parse("h2.yml", """
                name: h2
                target: https://127.0.0.1:8443
                options:
                  http: 3
                  maxStreams: 0
                  http2Fallback: maybe
                load: [{name: root, executor: burst, count: 1, request: {path: /}}]
                """, Path.of(".")));

        assertThat(e.problems()).extracting(Problem::toString).satisfiesExactly(
                p -> assertThat(p).startsWith("h2.yml:4:9: options.http: http must be 1.1 or 2, not \"3\""),
                p -> assertThat(p).startsWith("h2.yml:5:15: options.maxStreams: maxStreams 0 is not between 1 and 1000"),
                p -> assertThat(p).startsWith("h2.yml:5:15: options.maxStreams: maxStreams applies only with http: 2"),
                p -> assertThat(p).startsWith("h2.yml:6:18: options.http2Fallback: \"maybe\" is not true or false"),
                p -> assertThat(p).startsWith("h2.yml:6:18: options.http2Fallback: http2Fallback applies only with http: 2"));
    }

    @Test
    void shouldAskForCompressionAndTakeAProxyOverHttp2AsOverHttp11() throws Exception {
        TransportOptions defaults = load("{http: 2}").options().transport();
        TransportOptions written = load("{http: 2, compression: [gzip], proxy: http://127.0.0.1:3128, noProxy: [db.local]}")
                .options().transport();

        assertThat(defaults).isEqualTo(load("{http: 1.1}").options().transport());
        assertThat(defaults.compression()).containsExactly("gzip", "deflate");
        assertThat(defaults.proxySet()).as("the environment's proxy is used when the scenario says nothing").isFalse();
        assertThat(written.compression()).containsExactly("gzip");
        assertThat(written.proxy()).hasToString("http://127.0.0.1:3128");
        assertThat(written.noProxy()).containsExactly("db.local");
        assertThat(load("{http: 2, compression: []}").options().transport().compression()).isEmpty();
    }
}
