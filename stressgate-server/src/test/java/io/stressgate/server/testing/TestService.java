package io.stressgate.server.testing;

import io.stressgate.engine.scenario.Rate;
import io.stressgate.server.ServerConfig;
import io.stressgate.server.StressGateServer;
import io.stressgate.server.store.Database;
import io.stressgate.server.store.Scope;
import io.stressgate.server.store.StoreConfig;
import io.stressgate.server.store.TokenStore;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.function.UnaryOperator;

/** The service in this JVM on a loopback port with an SQLite store in a temporary directory, and a client for it. */
public final class TestService implements AutoCloseable {
    public static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final StressGateServer server;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    public final String writeToken;
    public final String readToken;

    private TestService(StressGateServer server, String writeToken, String readToken) {
        this.server = server;
        this.writeToken = writeToken;
        this.readToken = readToken;
    }

    public static TestService start(Path dir) {
        return start(dir, c -> c);
    }

    public static TestService start(Path dir, UnaryOperator<ServerConfig> adjust) {
        return start(StoreConfig.sqlite(dir), dir.resolve("backups"), adjust);
    }

    public static TestService start(StoreConfig store, Path backups, UnaryOperator<ServerConfig> adjust) {
        ServerConfig config = adjust.apply(ServerConfig.defaults("127.0.0.1", 0, store, backups)
                .withWriteRate(new Rate(10_000), 10_000));
        StressGateServer server = StressGateServer.start(config, Clock.systemUTC());
        TokenStore tokens = new TokenStore(server.database(), Clock.systemUTC());
        String suffix = Long.toHexString(System.nanoTime());
        return new TestService(server, tokens.create("writer-" + suffix, Scope.WRITE, null).secret(),
                tokens.create("reader-" + suffix, Scope.READ, null).secret());
    }

    public StressGateServer server() {
        return server;
    }

    public Database database() {
        return server.database();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    public static String query(String job, long build) {
        return "?job=" + URLEncoder.encode(job, StandardCharsets.UTF_8) + "&build=" + build;
    }

    public HttpResponse<String> upload(String job, long build, byte[] body) throws Exception {
        return send(post("/api/v1/runs" + query(job, build), body).header("Authorization", "Bearer " + writeToken));
    }

    public HttpRequest.Builder post(String path, byte[] body) {
        return HttpRequest.newBuilder(URI.create(url(path))).timeout(TIMEOUT).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    }

    public HttpResponse<String> get(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url(path))).timeout(TIMEOUT).GET());
    }

    public HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        server.close();
    }
}
