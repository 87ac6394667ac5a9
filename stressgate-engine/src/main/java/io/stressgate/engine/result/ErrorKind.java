package io.stressgate.engine.result;

/** Why a request counted as an error. */
public enum ErrorKind {
    /** A 4xx status the request did not expect. */
    HTTP_4XX("http_4xx"),
    /** A 5xx status the request did not expect. */
    HTTP_5XX("http_5xx"),
    /** Any other status the request did not expect (1xx, 2xx or 3xx outside {@code expect}). */
    HTTP_OTHER("http_other"),
    /** No complete response within the request's timeout. */
    TIMEOUT("timeout"),
    /** The target refused the connection. */
    CONNECTION_REFUSED("connection_refused"),
    /** The connection was reset or closed before the response was complete. */
    RESET("reset"),
    /** A check declared with {@code failRequest: true} failed on an otherwise expected response. */
    CHECK("check"),
    /** A streamed body file no longer had the size it had at validation (or was gone), so the request was cut off. */
    BODY_FILE_CHANGED("body_file_changed"),
    /**
     * The TLS handshake failed or TLS broke on the connection: an untrusted or mismatched certificate, no common
     * version or cipher suite, a client certificate the server refused with an alert.
     */
    TLS("tls"),
    /** A compressed response decoded to more than the request's response-size cap (a compression bomb, say). */
    DECODED_TOO_LARGE("decoded_too_large"),
    /** The proxy refused the connection, closed it, or answered a CONNECT with anything but 2xx. */
    PROXY("proxy"),
    /** A redirect led to an origin neither the request's own nor named in {@code options.allowedOrigins}. */
    REDIRECT_NOT_ALLOWED("redirect_not_allowed"),
    /** The request was redirected more times than its {@code redirects} allows (a loop, or a longer chain). */
    TOO_MANY_REDIRECTS("too_many_redirects"),
    /** A redirect without a usable Location (missing, not a URL, not http or https), or one whose body cannot be re-sent. */
    REDIRECT_INVALID("redirect_invalid"),
    /**
     * An origin asked for HTTP/2 does not speak it: over https it chose http/1.1 or no protocol in ALPN, over http it
     * answered the h2c (prior knowledge) preface with something other than HTTP/2, an HTTP/1.x status line or a close
     * before any frame.
     */
    H2_REFUSED("h2_refused"),
    /** Anything else: a malformed response, a response over the size cap, a name that does not resolve. */
    OTHER("other");

    private final String key;

    ErrorKind(String key) {
        this.key = key;
    }

    /** The key used in results.json. */
    public String key() {
        return key;
    }

    /** The kind for an unexpected HTTP status. */
    public static ErrorKind forStatus(int status) {
        return status >= 500 ? HTTP_5XX : status >= 400 ? HTTP_4XX : HTTP_OTHER;
    }
}
