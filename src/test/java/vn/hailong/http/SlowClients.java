package vn.hailong.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import vn.hailong.App;
import vn.hailong.TestApp;
import vn.hailong.TestDatabase;

/**
 * Slow clients against a server over loopback: {@code connections} clients each start a 100 KB rating and send
 * it 10 bytes every 5 seconds, while a probe asks /health every 250 ms and submits a real rating every second.
 * Bounded in count and time; prints its figures.
 *
 * <pre>bench/slow-clients.sh [--connections 1000] [--seconds 30]</pre>
 */
public final class SlowClients {
    static final int BODY_BYTES = 100_000;
    static final int DRIBBLE_BYTES = 10;
    static final Duration DRIBBLE_EVERY = Duration.ofSeconds(5);

    /** What the probe saw while the slow clients held on, and what became of them. */
    record Figures(int connections, int cutByServer, List<Long> healthMillis, int healthFailures,
                   List<Long> ratingMillis, int ratingsStored, int ratingFailures) {
        long p99(List<Long> millis) {
            if (millis.isEmpty()) {
                return -1;
            }
            var sorted = new ArrayList<>(millis);
            Collections.sort(sorted);
            return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * 0.99) - 1));
        }

        long max(List<Long> millis) {
            return millis.stream().mapToLong(Long::longValue).max().orElse(-1);
        }

        String report() {
            return String.format(Locale.ROOT, """
                    slow connections: %d opened, %d cut off by the server (408 or closed)
                    /health: %d answered, %d failed or over 5 s; p99 %d ms, max %d ms
                    ratings: %d stored, %d failed; p99 %d ms, max %d ms
                    """, connections, cutByServer, healthMillis.size(), healthFailures, p99(healthMillis),
                    max(healthMillis), ratingsStored, ratingFailures, p99(ratingMillis), max(ratingMillis));
        }
    }

    /** Runs the load against localhost:port for the given time; ratings name the agency given, channel web. */
    static Figures run(int port, int connections, Duration duration, String agency) throws Exception {
        var slow = new ArrayList<SocketChannel>();
        var head = ("POST /api/v1/responses HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + BODY_BYTES + "\r\n\r\n{\"comment\":\"").getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < connections; i++) {
            var channel = SocketChannel.open(new InetSocketAddress("localhost", port));
            channel.configureBlocking(false);
            write(channel, head);
            slow.add(channel);
        }
        var probe = Executors.newFixedThreadPool(2);
        var client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        var healthMillis = Collections.synchronizedList(new ArrayList<Long>());
        var ratingMillis = Collections.synchronizedList(new ArrayList<Long>());
        int[] failures = new int[2];
        int[] stored = new int[1];
        long end = System.nanoTime() + duration.toNanos();
        probe.submit(() -> {
            while (System.nanoTime() < end) {
                long start = System.nanoTime();
                try {
                    var r = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/health"))
                            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 200) {
                        healthMillis.add((System.nanoTime() - start) / 1_000_000);
                    } else {
                        failures[0]++;
                    }
                } catch (IOException e) {
                    failures[0]++;
                }
                Thread.sleep(250);
            }
            return null;
        });
        probe.submit(() -> {
            while (System.nanoTime() < end) {
                long start = System.nanoTime();
                var body = "{\"submissionId\":\"" + UUID.randomUUID() + "\",\"questionnaire\":\"KIOSK\",\"version\":1,"
                        + "\"agency\":\"" + agency + "\",\"channel\":\"web\",\"answers\":{\"HL\":5}}";
                try {
                    var r = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/responses"))
                            .timeout(Duration.ofSeconds(5)).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 201) {
                        stored[0]++;
                        ratingMillis.add((System.nanoTime() - start) / 1_000_000);
                    } else {
                        failures[1]++;
                    }
                } catch (IOException e) {
                    failures[1]++;
                }
                Thread.sleep(1000);
            }
            return null;
        });
        // The slow clients: 10 more bytes every 5 s to each connection still open, watching for the server's answer.
        var dribble = "x".repeat(DRIBBLE_BYTES).getBytes(StandardCharsets.US_ASCII);
        var cut = new boolean[connections];
        long nextDribble = System.nanoTime() + DRIBBLE_EVERY.toNanos();
        var buffer = ByteBuffer.allocate(4096);
        while (System.nanoTime() < end) {
            boolean dribbleNow = System.nanoTime() >= nextDribble;
            for (int i = 0; i < connections; i++) {
                if (cut[i]) {
                    continue;
                }
                var channel = slow.get(i);
                try {
                    buffer.clear();
                    int n = channel.read(buffer);
                    if (n != 0) {
                        cut[i] = true; // an answer (408) or the connection closed
                        continue;
                    }
                    if (dribbleNow) {
                        write(channel, dribble);
                    }
                } catch (IOException e) {
                    cut[i] = true;
                }
            }
            if (dribbleNow) {
                nextDribble += DRIBBLE_EVERY.toNanos();
            }
            Thread.sleep(50);
        }
        probe.shutdown();
        probe.awaitTermination(30, TimeUnit.SECONDS);
        int cutCount = 0;
        for (int i = 0; i < connections; i++) {
            cutCount += cut[i] ? 1 : 0;
            slow.get(i).close();
        }
        return new Figures(connections, cutCount, List.copyOf(healthMillis), failures[0], List.copyOf(ratingMillis),
                stored[0], failures[1]);
    }

    private static void write(SocketChannel channel, byte[] bytes) throws IOException {
        var buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    public static void main(String[] args) throws Exception {
        int connections = intArg(args, "--connections", 1000);
        int seconds = intArg(args, "--seconds", 30);
        var url = TestDatabase.fresh();
        try (var app = TestApp.start(TestApp.settings(url).withRateLimits(0, 0));
             var dsl = app.dsl()) {
            dsl.execute("insert into unit (code, name_vi, kind) values ('AG01', 'Sở Tư pháp', 'department')");
            System.out.printf(Locale.ROOT, "Hài Lòng %s, %d slow clients (a %d-byte body, %d bytes every %d s) for %d s%n",
                    App.VERSION, connections, BODY_BYTES, DRIBBLE_BYTES, DRIBBLE_EVERY.toSeconds(), seconds);
            System.out.print(run(app.app.port(), connections, Duration.ofSeconds(seconds), "AG01").report());
        }
        System.exit(0);
    }

    private static int intArg(String[] args, String name, int fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }
}
