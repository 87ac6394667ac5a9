package io.stressgate.engine.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The compression and proxy keys of a scenario's options: defaults, the ways to turn them off, and every mistake at once. */
class TransportReaderTest {
    private final ScenarioLoader loader = new ScenarioLoader(Variables.of(Map.of("TARGET", "http://127.0.0.1:8080")),
            ScenarioLimits.DEFAULTS);

    private TransportOptions read(String options) throws ScenarioException {
        return load(options).options().transport();
    }

    private Scenario load(String options) throws ScenarioException {
        return loader.parse("transport.yml", """
                name: transport
                target: ${TARGET}
                """ + options + """
                load:
                  - name: p
                    executor: burst
                    count: 1
                    request: {path: /}
                """, Path.of("."));
    }

    @Test
    void shouldAskForGzipAndDeflateThroughNoScenarioProxyByDefault() throws Exception {
        assertThat(read("")).isEqualTo(new TransportOptions(List.of("gzip", "deflate"), false, null, null));
        assertThat(read("options: {threads: 1}\n")).isEqualTo(TransportOptions.DEFAULTS);
    }

    @Test
    void shouldTurnCompressionOffWithAnEmptyListOrFalseAndKeepTheOrderGiven() throws Exception {
        assertThat(read("options: {compression: []}\n").compression()).isEmpty();
        assertThat(read("options: {compression: false}\n").compression()).isEmpty();
        assertThat(read("options: {compression: true}\n").compression()).containsExactly("gzip", "deflate");
        assertThat(read("options: {compression: [Deflate, gzip]}\n").compression()).containsExactly("deflate", "gzip");
        assertThat(read("options: {compression: gzip}\n").compression()).containsExactly("gzip");
    }

    @Test
    void shouldReadAProxyWithItsExclusionsOrNoneToIgnoreTheEnvironment() throws Exception {
        TransportOptions t = read("options: {proxy: http://127.0.0.1:3128, noProxy: [localhost, .Internal]}\n");
        assertThat(t.proxySet()).isTrue();
        assertThat(t.proxy()).isEqualTo(URI.create("http://127.0.0.1:3128"));
        assertThat(t.noProxy()).containsExactly("localhost", ".internal");

        TransportOptions none = read("options: {proxy: none}\n");
        assertThat(none.proxySet()).isTrue();
        assertThat(none.proxy()).isNull();
        assertThat(none.noProxy()).isNull();
        assertThat(read("options: {proxy: \"proxy.example:8080\"}\n").proxy()).isEqualTo(URI.create("http://proxy.example:8080"));
        assertThat(read("options: {proxy: http://proxy.example}\n").proxy()).as("curl's default port")
                .isEqualTo(URI.create("http://proxy.example:1080"));
    }

    @Test
    void shouldReportEveryMistakeAtOnceWithFileLineAndKey() {
        ScenarioException e = catchThrowableOfType(ScenarioException.class, () -> load("""
                options:
                  compression: [gzip, br, zstd, gzip]
                  proxy: https://user:secret@proxy.example:3128
                  noProxy: [localhost, "http://x/", {a: b}]
                """));

        assertThat(e.problems()).extracting(Problem::toString).satisfiesExactly(
                p -> assertThat(p).startsWith("transport.yml:4:23: options.compression[1]: br (Brotli) is not supported: Maven"
                        + " Central has no maintained Java Brotli decoder"),
                p -> assertThat(p).startsWith("transport.yml:4:27: options.compression[2]: \"zstd\" is not a coding the client"
                        + " decodes (gzip, deflate)"),
                p -> assertThat(p).startsWith("transport.yml:4:33: options.compression[3]: gzip is listed twice"),
                p -> assertThat(p).startsWith("transport.yml:5:10: options.proxy: proxy \"https://user:secret@proxy.example:3128\":"
                        + " only an http:// proxy is supported"),
                p -> assertThat(p).startsWith("transport.yml:6:24: options.noProxy[1]: \"http://x/\" is not a host name"),
                p -> assertThat(p).startsWith("transport.yml:6:37: options.noProxy[2]: expected a host name"));
    }

    @Test
    void shouldRefuseProxyCredentialsAPathAndAnotherScheme() {
        assertThatThrownBy(() -> TransportOptions.proxyUrl("http://u:p@proxy:3128")).hasMessageContaining("credentials");
        assertThatThrownBy(() -> TransportOptions.proxyUrl("http://proxy:3128/x")).hasMessageContaining("path or query");
        assertThatThrownBy(() -> TransportOptions.proxyUrl("socks5://proxy:1080")).hasMessageContaining("not socks5://");
    }
}
