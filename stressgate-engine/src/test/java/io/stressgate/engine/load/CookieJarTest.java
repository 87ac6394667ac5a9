package io.stressgate.engine.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class CookieJarTest {
    private static final long NOW = 1_000_000_000_000L;
    private static final long EPOCH_MILLIS = 1_767_225_600_000L; // 2026-01-01T00:00:00Z
    private static final long SECOND = 1_000_000_000L;

    private final CookieJar jar = new CookieJar();

    private static Origin origin(String url) {
        return new Origin(0, URI.create(url));
    }

    private static final Origin APP = origin("http://app.shop.test:8080");
    private static final Origin APP_TLS = origin("https://app.shop.test:8443");

    @Test
    void shouldSendAHostOnlyCookieToItsHostAloneAndADomainCookieToItsSubdomainsToo() {
        jar.store("host=1", APP, "/login", NOW, EPOCH_MILLIS);
        jar.store("wide=2; Domain=.shop.test", APP, "/login", NOW, EPOCH_MILLIS);

        assertThat(jar.header(APP, "/", NOW)).isEqualTo("host=1; wide=2");
        assertThat(jar.header(origin("http://img.shop.test:8080"), "/", NOW)).isEqualTo("wide=2");
        assertThat(jar.header(origin("http://shop.test:8080"), "/", NOW)).isEqualTo("wide=2");
        assertThat(jar.header(origin("http://othershop.test:8080"), "/", NOW)).isNull();
    }

    @Test
    void shouldIgnoreADomainTheHostIsNotInAndADomainOnAnAddress() {
        jar.store("stolen=1; Domain=bank.test", APP, "/", NOW, EPOCH_MILLIS);
        Origin ip = origin("http://127.0.0.1:8080");
        jar.store("parent=1; Domain=0.0.1", ip, "/", NOW, EPOCH_MILLIS);
        jar.store("exact=1; Domain=127.0.0.1", ip, "/", NOW, EPOCH_MILLIS);

        assertThat(jar.size()).isEqualTo(1);
        assertThat(jar.header(ip, "/", NOW)).isEqualTo("exact=1");
        assertThat(jar.header(origin("http://bank.test:8080"), "/", NOW)).isNull();
    }

    @Test
    void shouldMatchPathsAtSlashesWithTheSettingRequestsDirectoryAsDefaultAndLongerPathsFirst() {
        jar.store("root=1; Path=/", APP, "/x", NOW, EPOCH_MILLIS);
        jar.store("account=1; Path=/account", APP, "/x", NOW, EPOCH_MILLIS);
        jar.store("dir=1", APP, "/shop/cart/add", NOW, EPOCH_MILLIS);
        jar.store("relative=1; Path=account", APP, "/login", NOW, EPOCH_MILLIS);

        assertThat(jar.header(APP, "/account/orders", NOW)).isEqualTo("account=1; root=1; relative=1");
        assertThat(jar.header(APP, "/account", NOW)).isEqualTo("account=1; root=1; relative=1");
        assertThat(jar.header(APP, "/accounts", NOW)).isEqualTo("root=1; relative=1");
        assertThat(jar.header(APP, "/shop/cart", NOW)).isEqualTo("dir=1; root=1; relative=1");
        assertThat(jar.header(APP, "/shop", NOW)).isEqualTo("root=1; relative=1");
    }

    @Test
    void shouldLetMaxAgeWinOverExpiresAndExpireOnTheNanoClock() {
        jar.store("short=1; Max-Age=2; Expires=Fri, 01 Jan 2100 00:00:00 GMT", APP, "/", NOW, EPOCH_MILLIS);
        jar.store("dated=1; Expires=Thu, 01 Jan 2026 00:00:05 GMT", APP, "/", NOW, EPOCH_MILLIS);
        jar.store("session=1", APP, "/", NOW, EPOCH_MILLIS);

        assertThat(jar.header(APP, "/", NOW + SECOND)).isEqualTo("short=1; dated=1; session=1");
        assertThat(jar.header(APP, "/", NOW + 3 * SECOND)).isEqualTo("dated=1; session=1");
        assertThat(jar.header(APP, "/", NOW + 6 * SECOND)).isEqualTo("session=1");
    }

    @Test
    void shouldDeleteACookieByAnExpiryInThePastOrMaxAgeZeroAndReplaceOneOfTheSameNameDomainAndPath() {
        jar.store("a=1", APP, "/", NOW, EPOCH_MILLIS);
        jar.store("b=1", APP, "/", NOW, EPOCH_MILLIS);
        jar.store("c=1", APP, "/", NOW, EPOCH_MILLIS);
        jar.store("a=2", APP, "/", NOW, EPOCH_MILLIS);
        jar.store("b=; Max-Age=0", APP, "/", NOW, EPOCH_MILLIS);
        jar.store("c=; Expires=Thu, 01 Jan 1970 00:00:00 GMT", APP, "/", NOW, EPOCH_MILLIS);

        assertThat(jar.header(APP, "/", NOW)).isEqualTo("a=2");
        assertThat(jar.size()).isEqualTo(1);
    }

    @Test
    void shouldKeepAndSendSecureCookiesOverHttpsOnly() {
        jar.store("plain=1; Secure", APP, "/", NOW, EPOCH_MILLIS);
        jar.store("tls=1; Secure; HttpOnly", APP_TLS, "/", NOW, EPOCH_MILLIS);

        assertThat(jar.size()).as("a Secure cookie from http is not kept").isEqualTo(1);
        assertThat(jar.header(APP_TLS, "/", NOW)).isEqualTo("tls=1");
        assertThat(jar.header(APP, "/", NOW)).isNull();
    }

    @Test
    void shouldHoldAtMostFiftyCookiesOfAtMostFourKibibytesAndIgnoreControlCharacters() {
        for (int i = 0; i < CookieJar.MAX_COOKIES + 10; i++) {
            jar.store("c" + i + "=v", APP, "/", NOW, EPOCH_MILLIS);
        }
        jar.store("big=" + "x".repeat(CookieJar.MAX_COOKIE_BYTES), APP, "/", NOW, EPOCH_MILLIS);
        jar.store("evil=a\rX-Injected: 1", APP, "/", NOW, EPOCH_MILLIS);

        assertThat(jar.size()).isEqualTo(CookieJar.MAX_COOKIES);
        String header = jar.header(APP, "/", NOW);
        assertThat(header).startsWith("c10=v; ").endsWith("; c59=v").doesNotContain("big=", "evil=");
    }

    @Test
    void shouldAddTheCookieHeaderBeforeTheBlankLineAndLeaveTheBodyAlone() {
        byte[] request = "POST /cart/add?id=7 HTTP/1.1\r\nHost: app\r\nContent-Length: 4\r\n\r\nbody".getBytes();
        assertThat(jar.addTo(request, APP, NOW)).as("an empty jar hands back the same bytes").isSameAs(request);
        jar.store("s=1; Path=/cart", APP, "/login", NOW, EPOCH_MILLIS);

        assertThat(new String(jar.addTo(request, APP, NOW)))
                .isEqualTo("POST /cart/add?id=7 HTTP/1.1\r\nHost: app\r\nContent-Length: 4\r\nCookie: s=1\r\n\r\nbody");
        byte[] elsewhere = "GET /other HTTP/1.1\r\nHost: app\r\n\r\n".getBytes();
        assertThat(jar.addTo(elsewhere, APP, NOW)).isSameAs(elsewhere);
    }
}
