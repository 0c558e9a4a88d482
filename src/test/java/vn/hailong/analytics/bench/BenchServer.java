package vn.hailong.analytics.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Hài Lòng as an operator runs it, {@code java vn.hailong.Main}, in its own JVM with its own heap: a server that
 * runs out of memory exits (-XX:+ExitOnOutOfMemoryError) and is started again, instead of taking the benchmark
 * down with it, and the load generator shares neither heap nor JIT with it. Output goes to target/bench-server.log.
 */
public final class BenchServer implements AutoCloseable {
    static final Path LOG = Path.of("target", "bench-server.log");

    private final String databaseUrl;
    private final String heap;
    private final boolean withoutRollups;
    private Process process;
    private int port;

    private BenchServer(String databaseUrl, String heap, boolean withoutRollups) {
        this.databaseUrl = databaseUrl;
        this.heap = heap;
        this.withoutRollups = withoutRollups;
    }

    /**
     * Starts the server and waits until /health answers. {@code demo} fills an empty database with the demo
     * province; {@code withoutRollups} sets the benchmark switch hailong.bench.withoutRollups (see SubmissionBatch).
     */
    public static BenchServer start(String databaseUrl, String heap, boolean demo, boolean withoutRollups) throws Exception {
        var server = new BenchServer(databaseUrl, heap, withoutRollups);
        // A benchmark stopped with Ctrl-C must not leave its server running.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> server.process.destroyForcibly()));
        server.launch(demo);
        return server;
    }

    public int port() {
        return port;
    }

    /** The server's process id: its CPU time is read from /proc. */
    public long pid() {
        return process.pid();
    }

    String databaseUrl() {
        return databaseUrl;
    }

    private void launch(boolean demo) throws Exception {
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        var command = new ArrayList<>(List.of(javaExecutable(), "-Xmx" + heap, "-XX:+ExitOnOutOfMemoryError"));
        if (withoutRollups) {
            command.add("-Dhailong.bench.withoutRollups=true");
        }
        // -Dbench.serverJvmOptions="-XX:StartFlightRecording=..." profiles the server.
        var options = System.getProperty("bench.serverJvmOptions", "").strip();
        if (!options.isEmpty()) {
            command.addAll(List.of(options.split("\\s+")));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "vn.hailong.Main",
                "--port", String.valueOf(port), "--database-url", databaseUrl, "--admin-password", "bench-password",
                "--rate-limit-client", "0", "--rate-limit-device", "0"));
        if (demo) {
            command.add("--demo");
        }
        Files.createDirectories(LOG.getParent());
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(LOG.toFile())).start();
        var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + Duration.ofMinutes(15).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited with " + process.exitValue() + "; see " + LOG);
            }
            try {
                var response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/health"))
                        .build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the server was not up after 15 minutes; see " + LOG);
    }

    /**
     * After a failed call: null when the server still runs, else why it stopped (an OutOfMemoryError ends it
     * with status 3), once it has been started again.
     */
    String restartIfDown() throws Exception {
        if (process.isAlive() && !process.waitFor(2, TimeUnit.SECONDS)) {
            return null;
        }
        int status = process.exitValue();
        var why = status == 3 ? "out of memory (-Xmx" + heap + ")" : "exited with status " + status;
        launch(false);
        return why;
    }

    /** Kills a server that no longer answers (busy past the timeout) and starts it again. */
    void restart() throws Exception {
        process.destroyForcibly().waitFor();
        launch(false);
    }

    /** SIGTERM, as an operator stops it; the server closes its pool and ends. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    private static String javaExecutable() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
}
