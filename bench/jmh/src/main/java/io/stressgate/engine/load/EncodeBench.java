package io.stressgate.engine.load;

import io.stressgate.engine.scenario.Body;
import io.stressgate.engine.scenario.RequestSpec;
import io.stressgate.engine.scenario.StatusSet;
import io.stressgate.engine.scenario.Template;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Encoding a request into the loop's direct buffer through {@link CompiledRequest#write}, as a connection does
 * before each send: a static GET (encoded once, at compile time), a GET and a POST with placeholders
 * ({{vu}}, {{uuid}} and a value extracted from an earlier response).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class EncodeBench {
    private static final URI TARGET = URI.create("http://127.0.0.1:8080");

    private CompiledRequest staticGet;
    private CompiledRequest templatedGet;
    private CompiledRequest templatedPost;
    private Iteration iteration;
    private ByteBuffer out;

    @Setup
    public void setUp() {
        List<String> slots = List.of("token");
        staticGet = new CompiledRequest(spec("GET", "/health", List.of(), Body.NONE), 0, new Origin(0, TARGET), slots, false);
        templatedGet = new CompiledRequest(spec("GET", "/users/{{vu}}/orders?trace={{uuid}}",
                List.of(new RequestSpec.Header("Authorization", Template.parse("Bearer {{token}}"))), Body.NONE),
                0, new Origin(0, TARGET), slots, false);
        templatedPost = new CompiledRequest(spec("POST", "/orders", List.of(new RequestSpec.Header("Authorization",
                Template.parse("Bearer {{token}}"))), new Body.Text(Template.parse(
                "{\"vu\":{{vu}},\"request\":\"{{uuid}}\",\"token\":\"{{token}}\",\"items\":[{\"sku\":\"A-1\",\"qty\":2}]}"),
                "application/json")), 0, new Origin(0, TARGET), slots, false);
        RequestSpec login = new RequestSpec("login", "POST", TARGET, Template.parse("/login"), List.of(), Body.NONE,
                Duration.ofSeconds(5), Duration.ofSeconds(5), StatusSet.DEFAULT, 1 << 20, Map.of("token", "/token"), null);
        iteration = new Iteration(new BenchPhase(login, new Origin(0, TARGET)), slots.size());
        iteration.vu = 42;
        iteration.vars[0] = "eyJhbGciOiJIUzI1NiJ9.c3RyZXNzZ2F0ZQ.k3Xb9Q";
        out = ByteBuffer.allocateDirect(4096);
    }

    private static RequestSpec spec(String method, String path, List<RequestSpec.Header> headers, Body body) {
        return new RequestSpec("r", method, TARGET, Template.parse(path), headers, body, Duration.ofSeconds(5),
                Duration.ofSeconds(5), StatusSet.DEFAULT, 1 << 20, Map.of(), null);
    }

    @Benchmark
    public ByteBuffer encodeStaticGet() {
        return out = staticGet.write(out, iteration);
    }

    @Benchmark
    public ByteBuffer encodeGetWithPlaceholders() {
        return out = templatedGet.write(out, iteration);
    }

    @Benchmark
    public ByteBuffer encodePostWithPlaceholders() {
        return out = templatedPost.write(out, iteration);
    }
}
