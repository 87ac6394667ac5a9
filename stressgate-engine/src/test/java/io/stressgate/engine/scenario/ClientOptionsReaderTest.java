package io.stressgate.engine.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClientOptionsReaderTest {
    private final ScenarioLoader loader = new ScenarioLoader(Variables.of(Map.of("TARGET", "http://127.0.0.1:8080")),
            ScenarioLimits.DEFAULTS);

    private Scenario load(String options, String request) throws ScenarioException {
        return loader.parse("client.yml", """
                name: client
                target: ${TARGET}
                options:
                """ + options.indent(2) + """
                load:
                  - name: p
                    executor: burst
                    count: 1
                    requests:
                """ + request.indent(6) + """
                gates: ["http.errors == 0"]
                """, Path.of("."));
    }

    @Test
    void shouldFollowTenRedirectsWithinTheOriginAndKeepCookiesByDefault() throws Exception {
        Scenario s = load("threads: 1", "- {name: a, path: /}");

        assertThat(s.load().get(0).flow().requests().get(0).redirects()).isEqualTo(RequestSpec.DEFAULT_REDIRECTS);
        assertThat(s.options().client()).isEqualTo(ClientOptions.DEFAULTS);
        assertThat(s.options().client().allowedOrigins()).isEmpty();
        assertThat(s.options().client().cookies()).isTrue();
    }

    @Test
    void shouldReadRedirectLimitsAllowedOriginsAsOriginsAndCookiesOff() throws Exception {
        Scenario s = load("""
                allowedOrigins: ["http://127.0.0.1:8081", "https://files.example.test/", "http://LOCALHOST"]
                cookies: false
                """, """
                - {name: a, path: /, redirects: 0}
                - {name: b, path: /, redirects: 3}
                - {name: c, path: /, redirects: 50}
                """);

        assertThat(s.load().get(0).flow().requests()).extracting(RequestSpec::redirects).containsExactly(0, 3, 50);
        assertThat(s.options().client().allowedOrigins()).containsExactly(URI.create("http://127.0.0.1:8081"),
                URI.create("https://files.example.test:443"), URI.create("http://LOCALHOST:80"));
        assertThat(s.options().client().cookies()).isFalse();
    }

    @Test
    void shouldNameFileLineAndKeyOfEveryBadRedirectLimitOriginAndCookieSwitchAtOnce() {
        ScenarioException e = catchThrowableOfType(ScenarioException.class, () -> load("""
                allowedOrigins: ["ftp://127.0.0.1:21", "http://127.0.0.1:8081/files", "http://127.0.0.1:8082?x=1"]
                cookies: sometimes
                """, """
                - {name: a, path: /, redirects: -1}
                - {name: b, path: /, redirects: 51}
                - {name: c, path: /, redirects: many}
                """));

        assertThat(e.problems()).extracting(Problem::toString).satisfiesExactly(
                p -> assertThat(p).startsWith("client.yml:4:20: options.allowedOrigins[0]: \"ftp://127.0.0.1:21\" is not an http:// or https:// URL"),
                p -> assertThat(p).startsWith("client.yml:4:42: options.allowedOrigins[1]: \"http://127.0.0.1:8081/files\" is not an origin: give only scheme, host and port"),
                p -> assertThat(p).startsWith("client.yml:4:73: options.allowedOrigins[2]: \"http://127.0.0.1:8082?x=1\" is not an origin"),
                p -> assertThat(p).startsWith("client.yml:5:12: options.cookies: "),
                p -> assertThat(p).startsWith("client.yml:11:39: load[0].requests[0].redirects: \"-1\" is not a whole number"),
                p -> assertThat(p).isEqualTo("client.yml:12:39: load[0].requests[1].redirects: redirects 51 is more than the limit 50 (0 turns following off)"),
                p -> assertThat(p).startsWith("client.yml:13:39: load[0].requests[2].redirects: \"many\" is not a whole number"));
    }
}
