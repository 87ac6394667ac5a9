package io.stressgate.server.web;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.json.JavalinJackson;
import io.stressgate.engine.result.ResultsReader;
import io.stressgate.server.ServerConfig;
import io.stressgate.server.gate.ReleaseGate;
import io.stressgate.server.store.Database;
import io.stressgate.server.store.RunStore;
import io.stressgate.server.store.Scope;
import io.stressgate.server.store.StoreException;
import io.stressgate.server.store.StoreFullException;
import io.stressgate.server.store.TokenStore;
import jakarta.servlet.DispatcherType;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import org.eclipse.jetty.servlet.FilterHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The HTTP side of the service: routes, admission, errors as JSON, security headers and metrics, on Javalin. */
public final class WebApp {
    private static final Logger LOG = LoggerFactory.getLogger(WebApp.class);
    static final String API = "/api/v1";
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; "
            + "require-trusted-types-for 'script'; trusted-types 'none'";

    private final Admission admission = new Admission();
    private final Javalin app;
    private final String host;

    public WebApp(ServerConfig config, Database db, RunStore runs, TokenStore tokens, Clock clock) {
        this.host = config.host();
        ServerMetrics metrics = new ServerMetrics(admission::inFlight, db::healthy);
        TokenAuth auth = new TokenAuth(tokens);
        ResultsReader reader = new ResultsReader(new ResultsReader.Limits(config.maxDecompressedBytes(),
                ResultsReader.Limits.DEFAULT.maxDepth(), ResultsReader.Limits.DEFAULT.maxStringLength(),
                ResultsReader.Limits.DEFAULT.maxListItems()));
        IngestHandler ingest = new IngestHandler(runs, auth, new RateLimiter(config.writeRate().perSecond(), config.writeBurst(),
                System::nanoTime), new BodyReader(config.maxBodyBytes(), config.maxDecompressedBytes()), reader,
                config.ingestSlots(), metrics, clock);
        ReleaseGate gate = new ReleaseGate(runs, config.policy());
        QueryApi query = new QueryApi(runs, gate, config.policy());
        Pages pages = new Pages(query, runs, gate);
        app = Javalin.create(c -> {
            c.showJavalinBanner = false;
            c.startupWatcherEnabled = false;
            c.jsonMapper(new JavalinJackson(ApiJson.MAPPER, false));
            c.http.disableCompression();
            c.jetty.defaultHost = config.host();
            c.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler()));
            c.jetty.modifyServletContextHandler(h -> h.addFilter(new FilterHolder(admission), "/*",
                    EnumSet.of(DispatcherType.REQUEST)));
            c.requestLogger.http((ctx, ms) -> metrics.request(ctx.method().name(), route(ctx), ctx.statusCode(), ms / 1000.0));
        });
        app.before(ctx -> admit(ctx, config.readsNeedToken(), auth));
        app.post(API + "/runs", ingest::handle);
        app.get(API + "/health", ctx -> health(ctx, db));
        byte[] openApi = openApi();
        app.get(API + "/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));
        app.get(API + "/jobs", query::jobs);
        app.get(API + "/jobs/{job}/runs", query::runs);
        app.get(API + "/jobs/{job}/trend", query::trend);
        app.get(API + "/jobs/{job}/gate", query::gate);
        app.get(API + "/runs/{id}", query::run);
        app.get(API + "/runs/{id}/endpoints", query::endpoints);
        app.get(API + "/runs/{id}/results", query::results);
        app.get(API + "/compare", query::compare);
        app.get("/metrics", ctx -> ctx.contentType(ServerMetrics.CONTENT_TYPE).result(metrics.scrape()));
        pages.register(app);
        app.exception(ApiException.class, WebApp::answer);
        app.exception(StoreFullException.class, (e, ctx) -> {
            LOG.error("store full while handling {} {}: {}", ctx.method(), ctx.path(), e.getMessage());
            answer(new ApiException(507, "insufficient_storage", "the store's disk is full; nothing was stored. Reads still work; "
                    + "uploads work again once space is freed", null, 60), ctx);
        });
        app.exception(StoreException.class, (e, ctx) -> {
            LOG.warn("store unavailable while handling {} {}: {}", ctx.method(), ctx.path(), e.getMessage());
            answer(ApiException.unavailable("the store is unavailable; nothing was stored or changed", 5), ctx);
        });
        app.exception(Exception.class, (e, ctx) -> {
            LOG.error("unexpected failure while handling {} {}", ctx.method(), ctx.path(), e);
            answer(new ApiException(500, "internal", "unexpected failure; see the service log", null, null), ctx);
        });
        app.error(404, ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty()) {
                answer(ApiException.notFound("no such resource: " + ctx.method() + " " + ctx.path()), ctx);
            }
        });
    }

    private static void admit(Context ctx, boolean readsNeedToken, TokenAuth auth) {
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("X-Frame-Options", "DENY");
        TokenAuth.refuseTokensInQuery(ctx);
        boolean read = ctx.method() == HandlerType.GET || ctx.method() == HandlerType.HEAD;
        boolean open = ctx.path().startsWith(Assets.PATH) || ctx.path().equals(API + "/health") || ctx.path().equals(API + "/openapi.json");
        if (readsNeedToken && read && !open) {
            auth.require(ctx, Scope.READ);
        }
    }

    /** Sends the service its first request itself, so no client has to wait for Javalin's first-request set-up (see Admission). */
    private void warmUp(int port) {
        String self = host.isEmpty() || host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
        URI health = URI.create("http://" + (self.contains(":") ? "[" + self + "]" : self) + ":" + port + API + "/health");
        try {
            HttpClient.newHttpClient().send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            LOG.warn("could not send the service its first request ({}); the first clients are let in one at a time", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The API's OpenAPI document, which ApiContractIT holds every answer to. */
    private static byte[] openApi() {
        try (java.io.InputStream in = WebApp.class.getResourceAsStream("openapi.json")) {
            if (in == null) {
                throw new IllegalStateException("openapi.json is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read openapi.json", e);
        }
    }

    /** 200 "ok"; 200 "degraded" with the reason while writes fail but reads work (a full disk); 503 when the store is down. */
    private static void health(Context ctx, Database db) {
        if (!db.healthy()) {
            ctx.header("Retry-After", "5");
            ctx.status(503).json(Map.of("status", "store unavailable"));
            return;
        }
        ctx.json(db.writeProblem().<Map<String, String>>map(p -> Map.of("status", "degraded", "reason", p)).orElse(Map.of("status", "ok")));
    }

    static void answer(ApiException e, Context ctx) {
        head(e, ctx);
        ctx.json(e.body());
    }

    /**
     * Sends the refusal of an upload at once, then reads and throws away the rest of its body, the way a server lingers
     * before closing: closing on unread bytes sends a reset that can wipe the answer out of the client's buffer.
     */
    static void answerThenDrain(ApiException e, Context ctx, BodyReader body) throws IOException {
        head(e, ctx);
        byte[] json = ctx.jsonMapper().toJsonString(e.body(), Map.class).getBytes(StandardCharsets.UTF_8);
        ctx.res().setContentType("application/json");
        ctx.res().setContentLength(json.length);
        ctx.res().getOutputStream().write(json);
        ctx.res().flushBuffer();
        body.discardRest(ctx.req());
    }

    private static void head(ApiException e, Context ctx) {
        if (e.retryAfterSeconds() != null) {
            ctx.header("Retry-After", String.valueOf(e.retryAfterSeconds()));
        }
        if (e.status() == 401) {
            ctx.header("WWW-Authenticate", "Bearer");
        }
        ctx.status(e.status());
    }

    private static String route(Context ctx) {
        try {
            String path = ctx.endpointHandlerPath();
            return path == null || path.isEmpty() || path.equals("*") ? "unmatched" : path;
        } catch (RuntimeException e) {
            return "unmatched";
        }
    }

    /** Starts listening; returns the port (useful with port 0). */
    public int start(int port) {
        app.start(port);
        warmUp(app.port());
        return app.port();
    }

    public Admission admission() {
        return admission;
    }

    public void stop() {
        app.stop();
    }
}
