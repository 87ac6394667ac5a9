package io.stressgate.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * Uploads one results document to the reporting service and retries what may succeed later (connection errors, 5xx,
 * 429) with exponential backoff and full jitter, honouring Retry-After, always with the same idempotency key so a
 * retry never stores a run twice; tries and total time are bounded. The token goes only into the Authorization
 * header: never into the URL, an exception or a message.
 */
final class ResultsUploader {
    /** Where to send, as whom, and how hard to try. */
    record Target(URI server, String token, int tries, Duration maxTime, Duration backoff) {
        @Override
        public String toString() {
            return "Target[" + server + ", token hidden, " + tries + " tries, " + maxTime + "]";
        }
    }

    /** The build a run belongs to. */
    record Build(String job, long number, String branch, String commit, String ciUrl) {
    }

    /** How a publication ended: the last status (0 for no answer), the body, and a sentence for the log. */
    record Outcome(boolean acknowledged, int status, String body, int attempts, String message) {
    }

    /** Reports each attempt that will be retried. */
    interface Listener {
        void retrying(int attempt, String why, Duration wait);
    }

    private final HttpClient client;
    private final Clock clock;
    private final Random random;
    private final Sleeper sleeper;

    /** Waits between attempts (tests pass one that records instead of sleeping). */
    interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    ResultsUploader(HttpClient client, Clock clock, Random random, Sleeper sleeper) {
        this.client = client;
        this.clock = clock;
        this.random = random;
        this.sleeper = sleeper;
    }

    Outcome publish(Target target, Build build, byte[] results, String idempotencyKey, Listener listener) throws InterruptedException {
        byte[] body = gzip(results);
        long deadline = System.nanoTime() + target.maxTime().toNanos();
        String why = "not tried";
        int status = 0;
        String answer = "";
        for (int attempt = 1; attempt <= target.tries(); attempt++) {
            Duration left = Duration.ofNanos(deadline - System.nanoTime());
            if (left.isNegative() || left.isZero()) {
                break;
            }
            try {
                HttpResponse<String> response = client.send(request(target, build, body, idempotencyKey, left), HttpResponse.BodyHandlers.ofString());
                status = response.statusCode();
                answer = response.body();
                if (status == 200 || status == 201) {
                    return new Outcome(true, status, answer, attempt, "acknowledged with HTTP " + status);
                }
                if (!retryable(status)) {
                    return new Outcome(false, status, answer, attempt, "refused with HTTP " + status + ": " + answer);
                }
                why = "HTTP " + status;
                waitBeforeRetry(attempt, target, why, retryAfter(response), deadline, listener);
            } catch (IOException e) {
                status = 0;
                why = "cannot reach " + target.server() + ": " + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : " " + e.getMessage());
                waitBeforeRetry(attempt, target, why, Optional.empty(), deadline, listener);
            }
        }
        return new Outcome(false, status, answer, target.tries(), "gave up after " + target.tries() + " tries or "
                + target.maxTime().toSeconds() + " s: last " + why);
    }

    static boolean retryable(int status) {
        return status == 429 || status >= 500;
    }

    private void waitBeforeRetry(int attempt, Target target, String why, Optional<Duration> retryAfter, long deadline,
                                 Listener listener) throws InterruptedException {
        if (attempt >= target.tries()) {
            return;
        }
        long ceiling = target.backoff().toMillis() << Math.min(attempt - 1, 16);
        Duration wait = Duration.ofMillis((long) (random.nextDouble() * ceiling));
        if (retryAfter.isPresent() && retryAfter.get().compareTo(wait) > 0) {
            wait = retryAfter.get();
        }
        Duration left = Duration.ofNanos(deadline - System.nanoTime());
        if (wait.compareTo(left) > 0) {
            wait = left.isNegative() ? Duration.ZERO : left;
        }
        listener.retrying(attempt, why, wait);
        sleeper.sleep(wait);
    }

    private static Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").filter(v -> v.matches("[0-9]{1,6}"))
                .map(v -> Duration.ofSeconds(Long.parseLong(v)));
    }

    private HttpRequest request(Target target, Build build, byte[] body, String key, Duration left) {
        StringBuilder query = new StringBuilder("?job=").append(encode(build.job())).append("&build=").append(build.number())
                .append("&sentAt=").append(encode(clock.instant().toString()));
        append(query, "branch", build.branch());
        append(query, "commit", build.commit());
        append(query, "ciUrl", build.ciUrl());
        URI uri = target.server().resolve("/api/v1/runs" + query);
        Duration timeout = left.compareTo(Duration.ofSeconds(60)) < 0 ? left : Duration.ofSeconds(60);
        return HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Authorization", "Bearer " + target.token())
                .header("Content-Type", "application/json")
                .header("Content-Encoding", "gzip")
                .header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    private static void append(StringBuilder query, String name, String value) {
        if (value != null && !value.isEmpty()) {
            query.append('&').append(name).append('=').append(encode(value));
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 4 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot compress the results in memory", e);
        }
        return out.toByteArray();
    }
}
