package vn.hailong.analytics.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import vn.hailong.analytics.bench.AnalyticsLoad.Endpoint;
import vn.hailong.analytics.bench.AnalyticsLoad.Timing;

/**
 * Times analytics endpoints one call at a time as the admin, signed in through POST /api/v1/session (reads need
 * only the session cookie). An endpoint that fails is not called again in that phase; a server that died (out
 * of memory) is started again for the next endpoint, and when a larger heap is given, the endpoint is timed again
 * on a server of its own with that heap, to tell how slow it is beside how much memory it needs.
 */
final class Measure {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BenchServer server;
    private final String largerHeap;
    private final Map<String, Timing> withLargerHeap = new LinkedHashMap<>();
    private final int calls;
    private final int warmup;
    private final Duration budget;
    private final Duration timeout;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private String cookie;

    Measure(BenchServer server, String largerHeap, int calls, int warmup, int budgetSeconds, int timeoutSeconds) {
        this.server = server;
        this.largerHeap = largerHeap;
        this.calls = calls;
        this.warmup = warmup;
        this.budget = Duration.ofSeconds(budgetSeconds);
        this.timeout = Duration.ofSeconds(timeoutSeconds);
    }

    record Answer(int status, long nanos, int bytes, String body) {
    }

    /** Calls every endpoint in turn, printing each one's figures as soon as it is done. */
    Map<String, Timing> all(String phase, List<Endpoint> endpoints) throws Exception {
        System.out.printf("%nPhase %s: %d endpoints, load average %s%n", phase, endpoints.size(),
                AnalyticsLoad.loadAverage());
        System.out.printf("  %-32s %6s %9s %9s %9s %9s%n", "endpoint", "calls", "p50 ms", "p95 ms", "max ms", "bytes");
        signIn();
        var timings = new LinkedHashMap<String, Timing>();
        for (var e : endpoints) {
            var t = one(e);
            timings.put(e.name(), t);
            System.out.printf("  %-32s %6d %9.1f %9.1f %9.1f %,9d%s%n", e.name(), t.calls(), t.p50(), t.p95(), t.max(),
                    t.bytes(), t.failure() == null ? "" : "  FAILED: " + t.failure());
            if (t.failure() != null) {
                var why = server.restartIfDown();
                if (why == null && t.failure().startsWith("504")) {
                    server.restart(); // still busy with the call: the next endpoint must not share the machine with it
                    why = "no answer within " + timeout.toSeconds() + " s";
                }
                if (why != null) {
                    System.out.printf("  the server stopped: %s; started again, load average %s%n", why,
                            AnalyticsLoad.loadAverage());
                    timings.put(e.name(), new Timing(t.calls(), t.p50(), t.p95(), t.max(), t.bytes(), why));
                    signIn();
                    if (largerHeap != null && why.startsWith("out of memory")) {
                        withLargerHeap.put(phase + " " + e.name(), again(e));
                    }
                }
            }
        }
        return timings;
    }

    /** The endpoint timed on a server of its own with the larger heap (only this one at a time). */
    private Timing again(Endpoint e) throws Exception {
        try (var big = BenchServer.start(server.databaseUrl(), largerHeap, false, false)) {
            var measure = new Measure(big, null, calls, warmup, (int) budget.toSeconds(), (int) timeout.toSeconds());
            measure.signIn();
            var t = measure.one(e);
            System.out.printf("  %-32s %6d %9.1f %9.1f %9.1f %,9d%s%n", "  again with -Xmx" + largerHeap, t.calls(),
                    t.p50(), t.p95(), t.max(), t.bytes(), t.failure() == null ? "" : "  FAILED: " + t.failure());
            return t;
        }
    }

    /** What the endpoints that ran out of memory did with the larger heap, by phase and endpoint name. */
    Map<String, Timing> withLargerHeap() {
        return withLargerHeap;
    }

    /**
     * Up to {@code warmup} calls, then up to {@code calls} timed ones, stopping once the budget has gone (after at
     * least one timed call), or at the first failure: a slow endpoint is measured fewer times, never forever. When
     * a warm-up call alone uses the budget, it is the one timed call (JIT warm-up is noise beside it).
     */
    private Timing one(Endpoint e) {
        long start = System.nanoTime();
        long end = start + budget.toNanos();
        long warmEnd = start + budget.toNanos() / 4;
        var latencies = new ArrayList<Long>();
        int bytes = 0;
        String failure = null;
        for (int i = 0; i < warmup && System.nanoTime() < warmEnd && failure == null; i++) {
            var answer = get(e.path());
            failure = failure(answer);
            if (System.nanoTime() >= end || failure != null) {
                latencies.add(answer.nanos());
                bytes = answer.bytes();
            }
        }
        while (failure == null && latencies.size() < calls && (latencies.isEmpty() || System.nanoTime() < end)) {
            var answer = get(e.path());
            latencies.add(answer.nanos());
            bytes = answer.bytes();
            failure = failure(answer);
        }
        var sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        return new Timing(sorted.length, AnalyticsLoad.percentile(sorted, 0.50), AnalyticsLoad.percentile(sorted, 0.95),
                sorted[sorted.length - 1] / 1e6, bytes, failure);
    }

    private static String failure(Answer answer) {
        return answer.status() == 200 ? null
                : String.format("%d after %.0f s: %.160s", answer.status(), answer.nanos() / 1e9, answer.body());
    }

    private void signIn() throws Exception {
        var response = http.send(HttpRequest.newBuilder(uri("/api/v1/session"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
                                Map.of("username", "admin", "password", "bench-password")))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("sign-in failed: " + response.statusCode() + " " + response.body());
        }
        cookie = response.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
    }

    private Answer get(String path) {
        long t0 = System.nanoTime();
        try {
            var response = http.send(HttpRequest.newBuilder(uri(path)).header("Cookie", cookie).timeout(timeout).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            long nanos = System.nanoTime() - t0;
            var body = response.body();
            return new Answer(response.statusCode(), nanos, body.length,
                    response.statusCode() == 200 ? "" : new String(body, StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            return new Answer(504, System.nanoTime() - t0, 0, "no answer within " + timeout.toSeconds() + " s");
        } catch (Exception e) {
            return new Answer(599, System.nanoTime() - t0, 0, e.toString());
        }
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + server.port() + path);
    }
}
