package io.stressgate.engine.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stressgate.engine.scenario.TransportOptions;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which proxy each target goes through: the scenario's, or else the environment's as curl reads it. */
class TransportTest {
    private static final URI SECURE = URI.create("https://api.example.com:443");
    private static final URI PLAIN = URI.create("http://api.example.com:80");

    private static Transport fromEnv(Map<String, String> env) {
        return Transport.of(TransportOptions.DEFAULTS, env);
    }

    @Test
    void shouldTakeTheEnvironmentsProxyPerSchemeLowerCaseFirstAndHttpProxyOnlyInLowerCase() {
        Transport t = fromEnv(Map.of("https_proxy", "http://lower:1", "HTTPS_PROXY", "http://upper:2", "HTTP_PROXY", "http://upper:3"));
        assertThat(t.proxyFor(SECURE)).isEqualTo(URI.create("http://lower:1"));
        assertThat(t.proxyFor(PLAIN)).as("curl ignores HTTP_PROXY in upper case").isNull();

        Transport upper = fromEnv(Map.of("HTTPS_PROXY", "upper:2", "http_proxy", "http://plain:8080", "ALL_PROXY", "http://all:9"));
        assertThat(upper.proxyFor(SECURE)).isEqualTo(URI.create("http://upper:2"));
        assertThat(upper.proxyFor(PLAIN)).isEqualTo(URI.create("http://plain:8080"));
        assertThat(fromEnv(Map.of("ALL_PROXY", "http://all:9")).proxyFor(PLAIN)).isEqualTo(URI.create("http://all:9"));
        assertThat(fromEnv(Map.of()).proxyFor(SECURE)).isNull();
    }

    @Test
    void shouldExcludeHostsAsCurlReadsNoProxy() {
        Transport t = fromEnv(Map.of("https_proxy", "http://proxy:3128", "NO_PROXY", " localhost, .internal,example.org ,10.0.0.7,[::1]"));

        assertThat(t.proxyFor(URI.create("https://localhost:8443"))).isNull();
        assertThat(t.proxyFor(URI.create("https://db.internal:443"))).isNull();
        assertThat(t.proxyFor(URI.create("https://internal:443"))).as("a leading dot also matches the domain itself").isNull();
        assertThat(t.proxyFor(URI.create("https://API.Example.org:443"))).as("and a name without one its subdomains").isNull();
        assertThat(t.proxyFor(URI.create("https://10.0.0.7:443"))).isNull();
        assertThat(t.proxyFor(URI.create("https://[::1]:443"))).isNull();
        assertThat(t.proxyFor(URI.create("https://notexample.org:443"))).isEqualTo(URI.create("http://proxy:3128"));
        assertThat(t.proxyFor(URI.create("https://10.0.0.70:443"))).isEqualTo(URI.create("http://proxy:3128"));
        assertThat(fromEnv(Map.of("https_proxy", "http://proxy:3128", "no_proxy", "*")).proxyFor(SECURE)).isNull();
    }

    @Test
    void shouldLetTheScenarioWinOverTheEnvironmentKeyByKey() {
        Map<String, String> env = Map.of("https_proxy", "http://env:1", "no_proxy", "api.example.com");

        Transport none = Transport.of(new TransportOptions(List.of(), true, null, null), env);
        Transport own = Transport.of(new TransportOptions(List.of(), true, URI.create("http://mine:2"), List.of()), env);
        Transport envProxyOwnExclusions = Transport.of(new TransportOptions(List.of(), false, null, List.of()), env);

        assertThat(none.proxyFor(SECURE)).isNull();
        assertThat(own.proxyFor(SECURE)).isEqualTo(URI.create("http://mine:2"));
        assertThat(own.proxyFor(PLAIN)).isEqualTo(URI.create("http://mine:2"));
        assertThat(envProxyOwnExclusions.proxyFor(SECURE)).isEqualTo(URI.create("http://env:1"));
        assertThat(Transport.of(TransportOptions.DEFAULTS, env).proxyFor(SECURE)).as("the environment's exclusion").isNull();
    }

    @Test
    void shouldNameTheVariableOfABadProxyUrl() {
        assertThatThrownBy(() -> fromEnv(Map.of("HTTPS_PROXY", "https://proxy:3128")))
                .hasMessageStartingWith("environment variable HTTPS_PROXY: proxy \"https://proxy:3128\": only an http:// proxy");
    }

    @Test
    void shouldSendTheCodingsAskedForAndTheAbsoluteFormOnlyThroughAProxy() {
        Origin direct = Transport.of(TransportOptions.DEFAULTS, Map.of()).origin(0, URI.create("http://127.0.0.1:8080"));
        Origin proxied = Transport.of(new TransportOptions(List.of("deflate"), true, URI.create("http://127.0.0.1:3128"), null),
                Map.of()).origin(0, PLAIN);
        Origin tunnelled = Transport.of(new TransportOptions(List.of(), true, URI.create("http://127.0.0.1:3128"), null),
                Map.of()).origin(0, SECURE);

        assertThat(direct.acceptEncoding).isEqualTo("gzip, deflate");
        assertThat(direct.absoluteForm()).isFalse();
        assertThat(proxied.acceptEncoding).isEqualTo("deflate");
        assertThat(proxied.absoluteForm()).isTrue();
        assertThat(proxied.address.getPort()).as("the socket goes to the proxy").isEqualTo(3128);
        assertThat(tunnelled.acceptEncoding).isNull();
        assertThat(tunnelled.absoluteForm()).as("https goes through CONNECT").isFalse();
    }
}
