package vn.hailong;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Speaks the JSON API as a browser or an integration would: cookie and CSRF token, or a bearer key. */
public final class ApiClient {
    private static final HttpClient http = HttpClient.newHttpClient();
    private static final ObjectMapper json = new ObjectMapper();

    private final int port;
    private final Map<String, String> headers = new LinkedHashMap<>();

    public record Answer(int status, JsonNode body, HttpResponse<String> raw) {
        public String message() {
            return body.path("message").asText();
        }
    }

    public ApiClient(int port) {
        this.port = port;
    }

    public static ApiClient anonymous(TestApp app) {
        return new ApiClient(app.app.port());
    }

    /** Signs in through POST /api/v1/session and keeps the cookie and the CSRF token. */
    public static ApiClient signIn(TestApp app, String username, String password) {
        var client = new ApiClient(app.app.port());
        var answer = client.post("/api/v1/session", Map.of("username", username, "password", password));
        if (answer.status() != 200) {
            throw new IllegalStateException("sign-in failed: " + answer.status() + " " + answer.body());
        }
        var cookie = answer.raw().headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        client.headers.put("Cookie", cookie);
        client.headers.put("X-CSRF-Token", answer.body().get("csrfToken").asText());
        return client;
    }

    public static ApiClient withKey(TestApp app, String secret) {
        var client = new ApiClient(app.app.port());
        client.headers.put("Authorization", "Bearer " + secret);
        return client;
    }

    public ApiClient header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public ApiClient without(String header) {
        var copy = new ApiClient(port);
        copy.headers.putAll(headers);
        copy.headers.remove(header);
        return copy;
    }

    public Answer get(String path) {
        return send("GET", path, (String) null, null);
    }

    /** A GET whose answer is a file (CSV, XLSX): the raw bytes, status and headers. */
    public HttpResponse<byte[]> download(String path) {
        var builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        headers.forEach(builder::header);
        try {
            return http.send(builder.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Answer delete(String path) {
        return send("DELETE", path, (String) null, null);
    }

    public Answer post(String path, Object body) {
        return send("POST", path, write(body), "application/json");
    }

    public Answer put(String path, Object body) {
        return send("PUT", path, write(body), "application/json");
    }

    public Answer patch(String path, Object body) {
        return send("PATCH", path, write(body), "application/json");
    }

    public Answer send(String method, String path, String body, String contentType) {
        return exchange(method, path, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body), contentType);
    }

    /** A body of bytes as they are, e.g. a file upload. */
    public Answer send(String method, String path, byte[] body, String contentType) {
        return exchange(method, path, HttpRequest.BodyPublishers.ofByteArray(body), contentType);
    }

    /** Any body, e.g. a file streamed from disk. */
    public Answer exchange(String method, String path, HttpRequest.BodyPublisher body, String contentType) {
        var builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        headers.forEach(builder::header);
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        builder.method(method, body);
        try {
            var response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode node;
            try {
                node = response.body().isEmpty() ? json.nullNode() : json.readTree(response.body());
            } catch (IOException e) {
                node = json.getNodeFactory().textNode(response.body());
            }
            return new Answer(response.statusCode(), node, response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String write(Object body) {
        if (body instanceof String s) {
            return s;
        }
        try {
            return json.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
