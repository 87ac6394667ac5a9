package io.stressgate.engine.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.stressgate.engine.result.ResultsJson;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A self-contained HTML document: markup, one JSON data block, inline scripts and one inline style, under a
 * Content-Security-Policy that allows exactly those scripts and that style by their SHA-256 and nothing else.
 */
final class HtmlPage {
    /** The id of the JSON data block the scripts read. */
    static final String DATA_ID = "stressgate-data";

    /** The results' mapper, leaving the page's writer open after the data. */
    private static final ObjectWriter DATA = ResultsJson.writer().writer().without(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    private HtmlPage() {
    }

    /** The page as one string, for pages known to be small. */
    static String render(String title, String body, Object data, String style, List<String> scripts) {
        java.io.StringWriter out = new java.io.StringWriter(64 * 1024);
        try {
            render(title, body, data, style, scripts, out);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("a StringWriter does not fail", e);
        }
        return out.toString();
    }

    /**
     * Writes the page to {@code out}, the data streamed as it is serialised: a long run's data are megabytes,
     * and the page must not hold copies of them.
     *
     * @param title plain text
     * @param body trusted markup, already escaped
     * @param data the data for the scripts, serialised as results.json is and made safe here
     * @param scripts script sources, inlined in order
     */
    static void render(String title, String body, Object data, String style, List<String> scripts, Writer out)
            throws IOException {
        inlinable(style, "the style");
        scripts.forEach(script -> inlinable(script, "a script"));
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"").append(Text.html(policy(style, scripts)))
                .append("\">\n<meta name=\"referrer\" content=\"no-referrer\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(Text.html(title)).append("</title>\n<style>").append(style).append("</style>\n")
                .append("</head>\n<body>\n").append(body)
                .append("<script type=\"application/json\" id=\"").append(DATA_ID).append("\">");
        try (Writer json = new ScriptJsonWriter(out)) {
            DATA.writeValue(json, data);
        }
        out.append("</script>\n");
        for (String script : scripts) {
            out.append("<script>").append(script).append("</script>\n");
        }
        out.append("</body>\n</html>\n");
    }

    /** A script or style that would end its own element early cannot be inlined. */
    private static void inlinable(String text, String what) {
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.contains("</script") || lower.contains("</style") || lower.contains("<!--")) {
            throw new IllegalStateException(what + " holds </script, </style or <!-- and cannot be inlined");
        }
    }

    /**
     * The policy: nothing by default, the given scripts and style by hash, images only as data URLs, and no markup
     * from strings (Trusted Types), so even a script that tried {@code innerHTML} would be stopped.
     */
    static String policy(String style, List<String> scripts) {
        String scriptHashes = scripts.stream().map(HtmlPage::hash).distinct().collect(Collectors.joining(" "));
        return "default-src 'none'; script-src " + scriptHashes + "; style-src " + hash(style)
                + "; img-src data:; base-uri 'none'; form-action 'none'; require-trusted-types-for 'script'; trusted-types 'none'";
    }

    /** The CSP source expression of an inline element's text: {@code 'sha256-<base64>'}. */
    static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return "'sha256-" + Base64.getEncoder().encodeToString(digest) + "'";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }
}
