package io.stressgate.engine.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.stressgate.engine.scenario.CheckSpec.Kind;
import io.stressgate.engine.scenario.CheckSpec.Match;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CheckReaderTest {
    private final ScenarioLoader loader = new ScenarioLoader(Variables.of(Map.of("TARGET", "http://127.0.0.1:8080")),
            ScenarioLimits.DEFAULTS);

    private Scenario load(String checks) throws ScenarioException {
        return loader.parse("checks.yml", """
                name: checks
                target: ${TARGET}
                load:
                  - name: p
                    executor: burst
                    count: 1
                    request:
                      name: create
                      path: /
                      checks:
                """ + checks.indent(8) + """
                gates: ["http.errors == 0"]
                """, Path.of("."));
    }

    private ScenarioException problems(String checks) {
        return catchThrowableOfType(ScenarioException.class, () -> load(checks));
    }

    @Test
    void shouldReadEveryKindOfCheckWithItsComparisonAndSeverity() throws Exception {
        Scenario s = load("""
                - {name: created, status: [201, 2xx], failRequest: true}
                - {name: request-id, header: X-Request-ID}
                - {name: no-server, header: Server, exists: false}
                - {name: json-type, header: Content-Type, matches: "^application/json"}
                - {name: has-id, json: data.id}
                - {name: queued, json: /status, equals: queued}
                - {name: id-shape, json: $.id, matches: "^[0-9a-f-]+$"}
                - {name: says-ok, bodyContains: ok}
                - {name: no-trace, bodyMatches: "(?i)traceback"}
                - {name: small, minSize: 1B, maxSize: 1KiB}
                """);

        var checks = s.load().get(0).flow().requests().get(0).checks();
        assertThat(checks).extracting(CheckSpec::name, CheckSpec::kind, CheckSpec::match).containsExactly(
                org.assertj.core.groups.Tuple.tuple("created", Kind.STATUS, Match.IN),
                org.assertj.core.groups.Tuple.tuple("request-id", Kind.HEADER, Match.EXISTS),
                org.assertj.core.groups.Tuple.tuple("no-server", Kind.HEADER, Match.ABSENT),
                org.assertj.core.groups.Tuple.tuple("json-type", Kind.HEADER, Match.MATCHES),
                org.assertj.core.groups.Tuple.tuple("has-id", Kind.JSON, Match.EXISTS),
                org.assertj.core.groups.Tuple.tuple("queued", Kind.JSON, Match.EQUALS),
                org.assertj.core.groups.Tuple.tuple("id-shape", Kind.JSON, Match.MATCHES),
                org.assertj.core.groups.Tuple.tuple("says-ok", Kind.BODY, Match.CONTAINS),
                org.assertj.core.groups.Tuple.tuple("no-trace", Kind.BODY, Match.MATCHES),
                org.assertj.core.groups.Tuple.tuple("small", Kind.SIZE, Match.BETWEEN));
        assertThat(checks).extracting(CheckSpec::failRequest).containsExactly(true, false, false, false, false, false, false, false, false, false);
        assertThat(checks).extracting(CheckSpec::condition).containsExactly("status in 201, 2xx", "header X-Request-ID exists",
                "header Server absent", "header Content-Type matches /^application/json/", "json /data/id exists",
                "json /status equals \"queued\"", "json /id matches /^[0-9a-f-]+$/", "body contains \"ok\"",
                "body matches /(?i)traceback/", "size 1B to 1KiB");
        assertThat(s.load().get(0).flow().requests().get(0).readsBody()).as("json and body checks keep the body").isTrue();
    }

    @Test
    void shouldNameFileLineAndKeyOfAnUnknownKindABadPointerAndABadRegex() {
        ScenarioException e = problems("""
                - {name: typo, bodyEquals: ok}
                - {name: pointer, json: "/a/~2"}
                - {name: empty-pointer, json: "$."}
                - {name: regex, header: Content-Type, matches: "(unclosed"}
                - {name: body-regex, bodyMatches: "[a-"}
                """);

        assertThat(e.problems()).extracting(Problem::toString).satisfiesExactly(
                p -> assertThat(p).startsWith("checks.yml:11:11: load[0].request.checks[0]: a check needs one of status, header, json,"),
                p -> assertThat(p).startsWith("checks.yml:11:24: load[0].request.checks[0].bodyEquals: unknown key \"bodyEquals\" (known here: bodyContains,"),
                p -> assertThat(p).startsWith("checks.yml:12:33: load[0].request.checks[1].json: \"/a/~2\" is not a JSON pointer: ~ must be followed by 0"),
                p -> assertThat(p).startsWith("checks.yml:13:39: load[0].request.checks[2].json: empty JSON path"),
                p -> assertThat(p).startsWith("checks.yml:14:56: load[0].request.checks[3].matches: \"(unclosed\" is not a regular expression: Unclosed group"),
                p -> assertThat(p).startsWith("checks.yml:15:43: load[0].request.checks[4].bodyMatches: \"[a-\" is not a regular expression"));
    }

    @Test
    void shouldRefuseAnUnnamedCheckTwoKindsAComparisonWithoutSubjectAndDuplicateNames() {
        ScenarioException e = problems("""
                - {status: 200}
                - {name: both, status: 200, header: X-A}
                - {name: odd, status: 200, equals: "200"}
                - {name: twice, header: X-A, equals: a, matches: a}
                - {name: dup, status: 200}
                - {name: dup, status: 201}
                - {name: bad name!, status: 200}
                - {name: shrink, minSize: 2KiB, maxSize: 1KiB}
                """);

        assertThat(e.problems()).extracting(Problem::message).satisfiesExactly(
                m -> assertThat(m).startsWith("\"name\" is required: the check's name"),
                m -> assertThat(m).isEqualTo("a check tests one thing; give only one of status, header"),
                m -> assertThat(m).isEqualTo("\"equals\" compares a header or a JSON value, not status"),
                m -> assertThat(m).isEqualTo("give only one of equals, matches"),
                m -> assertThat(m).isEqualTo("two checks of this request are named \"dup\""),
                m -> assertThat(m).startsWith("name \"bad name!\" must start with a letter"),
                m -> assertThat(m).isEqualTo("minSize 2KiB is larger than maxSize 1KiB"));
    }

    @Test
    void shouldRefuseGatesOnChecksNoRequestDeclares() {
        ScenarioException e = catchThrowableOfType(ScenarioException.class, () -> loader.parse("gates.yml", """
                name: gates
                target: ${TARGET}
                load:
                  - name: p
                    executor: burst
                    count: 1
                    request: {name: create, path: /, checks: [{name: has-id, json: /id}]}
                gates:
                  - "checks{name=has-id}.rate > 99%"
                  - checks.fails == 0
                  - "checks{name=has-idd}.fails == 0"
                  - "checks{request=create,name=has-id}.passes > 0"
                  - "checks{request=poll}.fails == 0"
                  - "checks{name=has-id}.rate > 120%"
                """, Path.of(".")));

        assertThat(e.problems()).extracting(Problem::message).satisfiesExactly(
                m -> assertThat(m).isEqualTo("gate \"checks{name=has-idd}.fails == 0\": no check is named \"has-idd\" (known: has-id); did you mean \"has-id\"?"),
                m -> assertThat(m).startsWith("gate \"checks{request=poll}.fails == 0\": no request is named \"poll\""),
                m -> assertThat(m).contains("a share lies between 0% and 100%"));
    }
}
