package io.stressgate.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.stressgate.engine.result.CheckSummary;
import io.stressgate.engine.result.RunResults;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class JunitReportTest {
    private final JunitReport report = new JunitReport();

    @Test
    void shouldRenderTheRealisticRunAsTheGoldenJunitXml() throws Exception {
        GoldenFiles.assertMatches("junit.xml", report.render(ReportFixtures.run()));
    }

    @Test
    void shouldMakeOneSuiteForTheRunNamedAfterTheScenarioAndTimedByItsDuration() throws Exception {
        Element suite = (Element) parse(report.render(ReportFixtures.run())).getElementsByTagName("testsuite").item(0);

        assertThat(suite.getAttribute("name")).isEqualTo("stressgate.checkout-storm");
        assertThat(suite.getAttribute("time")).isEqualTo("39.987");
        assertThat(suite.getAttribute("tests")).isEqualTo("8");
        assertThat(suite.getAttribute("failures")).isEqualTo("4");
    }

    @Test
    void shouldFailABrokenGateTestCaseWithActualAgainstLimitAndItsSeverity() throws Exception {
        Document xml = parse(report.render(ReportFixtures.run()));

        Element p99 = testcase(xml, "http{name=create-order}.p99 < 1s");
        assertThat(p99.getAttribute("classname")).isEqualTo("gates");
        Element failure = (Element) p99.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("type")).isEqualTo("fail");
        assertThat(failure.getAttribute("message")).isEqualTo("http{name=create-order}.p99 was 1.2s, limit < 1s");
        Element lost = (Element) testcase(xml, "jobs.lost == 0").getElementsByTagName("failure").item(0);
        assertThat(lost.getAttribute("type")).isEqualTo("unstable");
        assertThat(testcase(xml, "http.p95 < 500ms").getElementsByTagName("failure").getLength()).isZero();
    }

    @Test
    void shouldPassTheRunCompletedTestCaseOnlyWhenTheRunCompleted() throws Exception {
        Element completed = testcase(parse(report.render(ReportFixtures.run())), JunitReport.RUN_COMPLETED);
        Element interrupted = testcase(parse(report.render(ReportFixtures.interrupted())), JunitReport.RUN_COMPLETED);

        assertThat(completed.getElementsByTagName("failure").getLength()).isZero();
        Element failure = (Element) interrupted.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("type")).isEqualTo("interrupted");
        assertThat(failure.getAttribute("message")).isEqualTo("stopped by SIGTERM after 21s");
    }

    @Test
    void shouldCarryTheRunsTotalsAsPropertiesSoCiCanReadRedirectsAndBytes() throws Exception {
        Document xml = parse(report.render(SummaryReportTest.withRedirects(ReportFixtures.run())));

        Map<String, String> properties = new LinkedHashMap<>();
        NodeList list = xml.getElementsByTagName("property");
        for (int i = 0; i < list.getLength(); i++) {
            Element p = (Element) list.item(i);
            properties.put(p.getAttribute("name"), p.getAttribute("value"));
        }

        assertThat(properties).containsEntry("requests", "1420").containsEntry("errors", "42")
                .containsEntry("redirects", "1040").containsEntry("bytesReceived", "322000")
                .containsEntry("bytesDecoded", "1258291");
    }

    private static RunResults withChecks() {
        return ReportFixtures.run().toBuilder().checks(List.of(
                new CheckSummary("create-order", "has-id", "json /id exists", true, 1_180, 20),
                new CheckSummary("create-order", "request-id", "header X-Request-ID exists", false, 1_200, 0),
                new CheckSummary("poll-status", "queued", "json /status equals \"queued\"", false, 0, 0))).build();
    }

    @Test
    void shouldAddOneTestCasePerRequestAndCheckGroupedUnderItsRequest() throws Exception {
        Document xml = parse(report.render(withChecks()));

        assertThat(testcase(xml, "has-id").getAttribute("classname")).isEqualTo("checks.create-order");
        assertThat(testcase(xml, "request-id").getAttribute("classname")).isEqualTo("checks.create-order");
        assertThat(testcase(xml, "queued").getAttribute("classname")).isEqualTo("checks.poll-status");
        assertThat(testcase(xml, "request-id").getChildNodes().getLength()).isZero();
    }

    @Test
    void shouldFailACheckTestCaseThatFailedWithItsPassesFailsAndRate() throws Exception {
        Element failure = (Element) testcase(parse(report.render(withChecks())), "has-id").getElementsByTagName("failure").item(0);

        assertThat(failure.getAttribute("type")).isEqualTo("check");
        assertThat(failure.getAttribute("message")).isEqualTo("1,180 passed, 20 failed: pass rate 98.33% (json /id exists)");
        assertThat(failure.getTextContent()).contains("create-order", "has-id", "fails the request");
    }

    @Test
    void shouldSkipACheckThatNeverRanSayingItProvesNothing() throws Exception {
        Element queued = testcase(parse(report.render(withChecks())), "queued");

        assertThat(queued.getElementsByTagName("failure").getLength()).isZero();
        Element skipped = (Element) queued.getElementsByTagName("skipped").item(0);
        assertThat(skipped.getAttribute("message")).isEqualTo("never ran: no response of poll-status was checked, so it proves nothing");
    }

    @Test
    void shouldCountTheCheckTestCasesInTheSuiteTotals() throws Exception {
        Document xml = parse(report.render(withChecks()));
        Element suite = (Element) xml.getElementsByTagName("testsuite").item(0);
        Element suites = (Element) xml.getElementsByTagName("testsuites").item(0);

        assertThat(suite.getAttribute("tests")).isEqualTo("11");
        assertThat(suite.getAttribute("failures")).isEqualTo("5");
        assertThat(suite.getAttribute("skipped")).isEqualTo("1");
        assertThat(suites.getAttribute("tests")).isEqualTo("11");
        assertThat(suites.getAttribute("failures")).isEqualTo("5");
        assertThat(xml.getElementsByTagName("testcase").getLength()).isEqualTo(11);
    }

    @Test
    void shouldKeepAHostileRequestAndCheckNameLiteralInTheXml() throws Exception {
        String payload = "\"/><testcase name=\"forged\"/><x a=\"&amp;";
        RunResults r = ReportFixtures.run().toBuilder().checks(List.of(new CheckSummary(payload, payload, "status == 200", false, 1, 1)))
                .build();

        Document xml = parse(report.render(r));
        Element check = testcase(xml, payload);
        assertThat(check.getAttribute("classname")).isEqualTo("checks." + payload);
        assertThat(xml.getElementsByTagName("testcase").getLength()).isEqualTo(9);
    }

    /** Parses like a careful CI would: a DOCTYPE is refused, so the report must not have one. */
    static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    static Element testcase(Document xml, String name) {
        NodeList cases = xml.getElementsByTagName("testcase");
        for (int i = 0; i < cases.getLength(); i++) {
            Element c = (Element) cases.item(i);
            if (c.getAttribute("name").equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no testcase named " + name);
    }
}
