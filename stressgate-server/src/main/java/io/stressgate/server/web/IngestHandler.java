package io.stressgate.server.web;

import io.javalin.http.Context;
import io.stressgate.engine.report.TrendBuilder;
import io.stressgate.engine.result.ResultsException;
import io.stressgate.engine.result.ResultsReader;
import io.stressgate.engine.result.Verdict;
import io.stressgate.engine.result.RunResults;
import io.stressgate.server.store.NewRun;
import io.stressgate.server.store.Receipt;
import io.stressgate.server.store.RunStore;
import io.stressgate.server.store.Scope;
import io.stressgate.server.store.Token;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * {@code POST /api/v1/runs}: the body is results.json exactly as the agent wrote it (optionally gzip); the build's
 * metadata travels in the query ({@code job}, {@code build}, {@code branch}, {@code commit}, {@code ciUrl},
 * {@code sentAt}) and an optional {@code Idempotency-Key} header. Order of checks: token, rate, metadata, size, shape
 * and sense of the results, then one transaction; 201 with the run id comes only after the commit, 200 with the
 * stored id when the same run was sent before, 409 when a different one was.
 */
final class IngestHandler {
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7e]{1,128}");
    private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("2200-01-01T00:00:00Z");

    private final RunStore runs;
    private final TokenAuth auth;
    private final RateLimiter limiter;
    private final BodyReader body;
    private final ResultsReader reader;
    private final Semaphore slots;
    private final ServerMetrics metrics;
    private final Clock clock;

    IngestHandler(RunStore runs, TokenAuth auth, RateLimiter limiter, BodyReader body, ResultsReader reader, int slots,
                  ServerMetrics metrics, Clock clock) {
        this.runs = runs;
        this.auth = auth;
        this.limiter = limiter;
        this.body = body;
        this.reader = reader;
        this.slots = new Semaphore(slots);
        this.metrics = metrics;
        this.clock = clock;
    }

    /** The build an upload belongs to, from the query and headers. */
    private record Upload(String job, long build, String branch, String commit, String ciUrl, Instant sentAt, String key) {
    }

    void handle(Context ctx) throws IOException, InterruptedException {
        Instant received = clock.instant();
        try {
            Token token = auth.require(ctx, Scope.WRITE);
            long wait = limiter.acquire(token.id());
            if (wait > 0) {
                throw new ApiException(429, "rate_limited", "token " + token.name() + " sends faster than its limit", null, (int) wait);
            }
            Upload upload = upload(ctx);
            if (!token.jobs().allows(upload.job())) {
                throw new ApiException(403, "forbidden", "token " + token.name() + " may upload only for " + token.jobs(),
                        Map.of("parameter", "job"), null);
            }
            if (!slots.tryAcquire(2, TimeUnit.SECONDS)) {
                throw ApiException.unavailable("too many uploads are being stored right now", 1);
            }
            try {
                store(ctx, upload, token, received);
            } finally {
                slots.release();
            }
        } catch (ApiException e) {
            metrics.upload("rejected");
            WebApp.answerThenDrain(e, ctx, body);
        }
    }

    private void store(Context ctx, Upload upload, Token token, Instant received) throws IOException {
        byte[] bytes = body.read(ctx.req());
        RunResults results = refuseShard(parse(bytes));
        String json = new String(bytes, StandardCharsets.UTF_8);
        NewRun run = new NewRun(upload.job(), upload.build(), upload.branch(), upload.commit(), upload.ciUrl(), upload.key(),
                hash(bytes, upload), results, json, upload.sentAt(), received, token.name(), TrendBuilder.metrics(results));
        Receipt receipt = runs.store(run);
        metrics.upload(receipt.outcome().name().toLowerCase(java.util.Locale.ROOT));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("id", receipt.id());
        answer.put("outcome", receipt.outcome().name().toLowerCase(java.util.Locale.ROOT));
        answer.put("job", upload.job());
        answer.put("build", upload.build());
        answer.put("scenario", run.scenario());
        switch (receipt.outcome()) {
            case CREATED -> {
                answer.put("receivedAt", received);
                answer.put("clockSkewMs", upload.sentAt() == null ? null : received.toEpochMilli() - upload.sentAt().toEpochMilli());
                ctx.status(201).header("Location", "/api/v1/runs/" + receipt.id()).json(answer);
            }
            case EXISTING -> ctx.status(200).json(answer);
            case CONFLICT -> {
                answer.put("message", receipt.conflict());
                ctx.status(409).json(answer);
            }
        }
    }

    /**
     * A shard decides nothing, so the service keeps only merged runs: the client merges the shards with
     * {@code stressgate merge} and publishes the merge once, as one run of its build.
     */
    static RunResults refuseShard(RunResults results) {
        if (results.verdict() != Verdict.PENDING) {
            return results;
        }
        String which = results.shard() == null ? "" : " (shard " + results.shard().index() + " of " + results.shard().count()
                + ", group " + results.shard().group() + ")";
        throw new ApiException(422, "invalid", "these are one shard's results" + which + " with verdict PENDING; a shard "
                + "decides nothing: merge all shards with 'stressgate merge DIR... --out DIR' and publish the merge",
                Map.of("pointer", "/verdict"), null);
    }

    private RunResults parse(byte[] bytes) {
        try {
            return reader.read(bytes);
        } catch (ResultsException e) {
            int status = switch (e.kind()) {
                case MALFORMED, UNSUPPORTED_VERSION -> 400;
                case INVALID -> 422;
                case TOO_LARGE -> 413;
            };
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("pointer", e.pointer());
            if (e.kind() == ResultsException.Kind.UNSUPPORTED_VERSION) {
                details.put("supported", ResultsReader.SUPPORTED);
            }
            throw new ApiException(status, e.kind().name().toLowerCase(java.util.Locale.ROOT), e.getMessage(), details, null);
        }
    }

    private static Upload upload(Context ctx) {
        String job = Params.name(ctx, "job", true);
        long build = Params.positive(ctx, "build", null, 1L << 53);
        Instant sentAt = Params.instant(ctx, "sentAt");
        if (sentAt != null && (sentAt.isBefore(EARLIEST) || sentAt.isAfter(LATEST))) {
            throw new ApiException(422, "invalid", "sentAt: " + sentAt + " is not a plausible time", Map.of("parameter", "sentAt"), null);
        }
        String key = ctx.header("Idempotency-Key");
        if (key != null && !KEY.matcher(key).matches()) {
            throw new ApiException(400, "bad_header", "Idempotency-Key must be 1 to 128 visible ASCII characters",
                    Map.of("header", "Idempotency-Key"), null);
        }
        return new Upload(job, build, Params.text(ctx, "branch", 256), Params.text(ctx, "commit", 128), Params.link(ctx, "ciUrl"),
                sentAt, key);
    }

    /** What makes two uploads "the same run": the results bytes and the build's metadata, not when they were sent. */
    private static String hash(byte[] results, Upload u) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(results);
            String meta = "\u0000" + u.job() + "\u0000" + u.build() + "\u0000" + u.branch() + "\u0000" + u.commit() + "\u0000" + u.ciUrl();
            sha.update(meta.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
