package vn.hailong.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Supplier;

import org.jooq.CloseableDSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import vn.hailong.TestApp;
import vn.hailong.TestDatabase;
import vn.hailong.auth.AccessControl;
import vn.hailong.auth.Fixtures;
import vn.hailong.auth.Sessions;

/**
 * Every operation of openapi.yaml, sent hostile values as each kind of caller that may call it (and anonymously):
 * NUL characters, huge and negative numbers, dates outside any calendar a database keeps, wrong types, 100 KB
 * strings, deep nesting, duplicate keys, broken bodies. No answer may be a 5xx, and no client's mistake may put a
 * stack trace in the log.
 */
class HostileInputTest {
    static final JsonNodeFactory nodes = JsonNodeFactory.instance;
    static final String LONG = "x".repeat(100_000);
    /** Values for a query, path or header parameter. */
    static final List<String> PARAMETER_VALUES = List.of("\u0000", "a\u0000b", "-999999999-01-01", "+999999999-12-31",
            "0000-00-00", "2024-02-30", "99999999999999999999", "-99999999999", "-1", "0", "1e308", "NaN", "' or 1=1 --",
            "[]", "{}", "%", "\uFFFF", "x".repeat(3000));
    /** Values for a field of a JSON body. */
    static final List<JsonNode> FIELD_VALUES = List.of(nodes.textNode("\u0000"), nodes.textNode("a\u0000b"),
            nodes.numberNode(1e308), nodes.numberNode(-1), nodes.numberNode(new java.math.BigInteger("99999999999999999999999")),
            nodes.numberNode(-99999999999L), nodes.numberNode(0.5), nodes.booleanNode(true), nodes.arrayNode(),
            nodes.objectNode(), nodes.nullNode(), nodes.textNode("-999999999-01-01T00:00:00Z"),
            nodes.textNode("+999999999-12-31"), nodes.textNode(LONG), deep(200));
    /** Whole bodies, whatever the operation expects. */
    static final List<String> BODIES = List.of("", "null", "[]", "\"text\"", "123", "{", "{\"a\":1,\"a\":2}",
            "\u0000", "{\"x\":\"\\u0000\"}", "[".repeat(5000) + "]".repeat(5000), "\"" + LONG + "\"", "{\"" + LONG + "\":1}");

    static TestApp app;
    static CloseableDSLContext dsl;
    static Fixtures f;
    static ApiDocument document;
    static final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @BeforeAll
    static void start() throws IOException {
        app = TestApp.start(TestApp.settings(TestDatabase.fresh()).withRateLimits(0, 0));
        dsl = app.dsl();
        f = new Fixtures(dsl);
        document = new ApiDocument(new ObjectMapper().readTree(app.get("/api/v1/openapi.json").body()));
        log.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(log);
    }

    @AfterAll
    static void stop() {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(log);
        dsl.close();
        app.close();
    }

    /** A kind of caller: the headers it authenticates with, fresh for each request. */
    record Caller(String name, Supplier<Map<String, String>> headers) {
    }

    Map<String, Caller> callers() {
        var callers = new LinkedHashMap<String, Caller>();
        callers.put("PUBLIC", new Caller("anonymous", Map::of));
        callers.put("ADMIN", user("admin", f.admin));
        callers.put("ANALYST", user("analyst", f.analyst));
        callers.put("AGENCY_MANAGER", user("agency manager", f.manager));
        callers.put("SIGNED_IN", user("analyst", f.analyst));
        callers.put("INTERVIEWER", user("interviewer", f.interviewer));
        callers.put("KEY_INTERVIEWS", bearer("key:interviews", f.keyInterviews));
        callers.put("KIOSK", bearer("kiosk", f.kioskToken));
        callers.put("KEY_INVITATIONS", bearer("key:invitations", f.keyInvitations));
        callers.put("KEY_IMPORT", bearer("key:import", f.keyImport));
        callers.put("KEY_READ", bearer("key:read", f.keyRead));
        callers.put("KEY_DOSSIERS", bearer("key:dossiers", f.keyDossiers));
        callers.put("METRICS", bearer("metrics", TestApp.METRICS_TOKEN));
        return callers;
    }

    @Test
    void no_hostile_value_in_any_operation_gets_a_5xx_or_logs_a_stack_trace() throws Exception {
        var failures = new ArrayList<String>();
        var callers = callers();
        int sent = 0;
        for (var op : document.operations()) {
            var kinds = new ArrayList<Caller>();
            op.node().path("x-access").forEach(a -> kinds.add(callers.get(a.asText())));
            if (!op.node().path("x-access").toString().contains("PUBLIC")) {
                kinds.add(callers.get("PUBLIC"));
            }
            var kiosk = op.key().equals("POST /api/v1/responses");
            if (kiosk) {
                kinds.add(callers.get("KIOSK")); // anyone may rate; a kiosk is checked differently
            }
            for (int k = 0; k < kinds.size(); k++) {
                // Callers that may call the operation get every mutation; one refused (anonymous) gets the
                // whole-body ones and every parameter at once.
                boolean allowed = k < op.node().path("x-access").size() || kiosk;
                for (var request : requests(op, allowed)) {
                    int status = send(op, request, kinds.get(k));
                    sent++;
                    if (status >= 500) {
                        failures.add(kinds.get(k).name() + " " + op.method().toUpperCase(Locale.ROOT) + " "
                                + request.describe() + " → " + status);
                    }
                }
            }
        }
        System.out.printf(Locale.ROOT, "HostileInputTest: %d hostile requests to %d operations, %d answered 5xx%n",
                sent, document.operations().size(), failures.size());
        failures.forEach(failure -> System.out.println("  " + failure));
        assertThat(failures).as("5xx answers out of %d hostile requests", sent).isEmpty();
        assertThat(sent).isGreaterThan(5000);
        var traces = log.list.stream().filter(e -> e.getThrowableProxy() != null || e.getLevel().toInt() >= 40000)
                .map(e -> e.getFormattedMessage() + (e.getThrowableProxy() == null ? "" : " " + e.getThrowableProxy().getClassName()))
                .distinct().limit(20).toList();
        assertThat(traces).as("errors or stack traces logged for clients' mistakes").isEmpty();
    }

    @Test
    void a_nul_character_is_refused_naming_the_parameter_or_field() throws Exception {
        var query = app.get("/api/v1/overview?note=a%00b");
        assertThat(query.statusCode()).isEqualTo(400);
        assertThat(new ObjectMapper().readTree(query.body()).path("field").asText()).isEqualTo("note");
        var field = post("/api/v1/session", "{\"username\":\"ad\\u0000min\",\"password\":\"x\"}");
        assertThat(field.statusCode()).isEqualTo(400);
        assertThat(new ObjectMapper().readTree(field.body()).path("field").asText()).isEqualTo("username");
        var nested = post("/api/v1/responses", "{\"answers\":{\"HL\":5},\"profile\":{\"occupation\":\"\\u0000\"}}");
        assertThat(new ObjectMapper().readTree(nested.body()).path("field").asText()).isEqualTo("profile.occupation");
        var escaped = post("/api/v1/session", "{\"username\":\"a\\\\u0000\",\"password\":\"x\"}");
        assertThat(escaped.statusCode()).as("a backslash followed by u0000 is text, not NUL").isEqualTo(401);
    }

    @Test
    void a_key_given_twice_is_refused_naming_it() throws Exception {
        var answer = post("/api/v1/session", "{\"username\":\"admin\",\"password\":\"x\",\"username\":\"other\"}");
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(new ObjectMapper().readTree(answer.body()).path("field").asText()).isEqualTo("username");
    }

    @Test
    void a_date_no_calendar_keeps_is_refused_naming_the_parameter() throws Exception {
        var session = f.session(f.admin);
        for (var path : List.of("/api/v1/indices?from=-999999999-01-01", "/api/v1/audit?to=%2B999999999-12-31",
                "/api/v1/trend?from=0001-01-01")) {
            var answer = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://localhost:" + app.app.port() + path))
                    .header("Cookie", Sessions.COOKIE + "=" + session.token()).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(path).isEqualTo(422);
            assertThat(new ObjectMapper().readTree(answer.body()).path("field").asText()).as(path).isIn("from", "to");
        }
    }

    static java.net.http.HttpResponse<String> post(String path, String json) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://localhost:" + app.app.port() + path))
                .header("Content-Type", "application/json").POST(java.net.http.HttpRequest.BodyPublishers.ofString(json))
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    /** One hostile request: a path with its query, a body (null for none) and its media type. */
    record Hostile(String what, String path, String contentType, String body) {
        String describe() {
            var shown = what.length() > 120 ? what.substring(0, 120) + "…" : what;
            return path.substring(0, Math.min(path.length(), 100)) + " [" + shown.replace("\u0000", "\\0") + "]";
        }
    }

    List<Hostile> requests(ApiDocument.Operation op, boolean everything) {
        var base = new LinkedHashMap<String, String>();
        var in = new HashMap<String, String>();
        for (var parameter : op.parameters()) {
            var name = parameter.path("name").asText();
            in.put(name, parameter.path("in").asText());
            var value = parameter.path("in").asText().equals("path") ? f.pathValues(op.method().toUpperCase(Locale.ROOT),
                    op.path()).get(0) : example(parameter);
            if (value != null) {
                base.put(name, value);
            }
        }
        var bodyType = bodyType(op);
        var body = bodyExample(op);
        var requests = new ArrayList<Hostile>();
        requests.add(request(op, "as documented", base, in, bodyType, body == null ? null : text(body)));
        if (everything) {
            for (var name : in.keySet()) {
                for (var value : PARAMETER_VALUES) {
                    var values = new LinkedHashMap<>(base);
                    values.put(name, value);
                    requests.add(request(op, name + "=" + value, values, in, bodyType, body == null ? null : text(body)));
                }
            }
        }
        var allAtOnce = new LinkedHashMap<String, String>();
        in.keySet().forEach(name -> allAtOnce.put(name, "a\u0000b"));
        requests.add(request(op, "NUL in every parameter", allAtOnce, in, bodyType, body == null ? null : text(body)));
        if (bodyType == null) {
            return requests;
        }
        if (body != null && body.isContainerNode() && everything) {
            for (var pointer : leaves(body, "")) {
                for (var value : FIELD_VALUES) {
                    requests.add(request(op, pointer + " = " + brief(value), base, in, bodyType, text(replaced(body, pointer, value))));
                }
            }
        }
        if (body != null && body.isTextual()) { // a file: CSV
            var csv = body.asText();
            requests.add(request(op, "NUL in the file", base, in, bodyType, csv.replaceFirst("\n(.)", "\n\u0000$1")));
            requests.add(request(op, "extreme dates in the file", base, in, bodyType,
                    csv.replaceAll("\\d{4}-\\d{2}-\\d{2}", "-999999999-01-01")));
            requests.add(request(op, "huge numbers in the file", base, in, bodyType,
                    csv.replaceAll(",\\d+(?=[,\\n])", ",99999999999999999999")));
            requests.add(request(op, "a 100 KB cell", base, in, bodyType, csv.replaceFirst("\n(.)", "\n" + LONG + "$1")));
        }
        for (var whole : BODIES) {
            requests.add(request(op, "body " + whole, base, in, bodyType.contains("json") ? bodyType : "application/json", whole));
        }
        return requests;
    }

    Hostile request(ApiDocument.Operation op, String what, Map<String, String> values, Map<String, String> in,
                    String contentType, String body) {
        var path = op.path();
        var query = new StringJoiner("&", "?", "").setEmptyValue("");
        for (var e : values.entrySet()) {
            switch (in.get(e.getKey())) {
                case "path" -> path = path.replace("{" + e.getKey() + "}", encode(e.getValue()));
                case "query" -> query.add(encode(e.getKey()) + "=" + encode(e.getValue()));
                default -> { } // headers: only Authorization-like ones are documented, sent by the caller
            }
        }
        return new Hostile(what, path + query, contentType, body);
    }

    /**
     * Sends a request over a plain socket and reads the status line. A plain socket, not an HTTP client: a server
     * may answer before it reads a body (401 to an upload), and a client library then reports its write failing
     * rather than the answer.
     */
    int send(ApiDocument.Operation op, Hostile request, Caller caller) throws Exception {
        var head = new StringBuilder(op.method().toUpperCase(Locale.ROOT) + " " + request.path()
                + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n");
        caller.headers().get().forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        var body = request.body() == null ? null : request.body().getBytes(StandardCharsets.UTF_8);
        if (body != null) {
            head.append("Content-Type: ").append(request.contentType()).append("\r\nContent-Length: ")
                    .append(body.length).append("\r\n");
        }
        head.append("\r\n");
        for (int attempt = 0; attempt < 2; attempt++) {
            try (var socket = new Socket("localhost", app.app.port())) {
                socket.setSoTimeout(30_000);
                var out = socket.getOutputStream();
                try {
                    out.write(head.toString().getBytes(StandardCharsets.UTF_8));
                    if (body != null) {
                        out.write(body);
                    }
                    out.flush();
                } catch (IOException e) {
                    // answered (and closed) before the body was all sent: read the answer
                }
                var status = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                        StandardCharsets.ISO_8859_1)).readLine();
                if (status != null && status.startsWith("HTTP/1.1 ")) {
                    return Integer.parseInt(status.substring(9, 12));
                }
            } catch (IOException e) {
                // no answer: once more
            }
        }
        System.out.println("  no answer: " + caller.name() + " " + op.key() + " " + request.describe());
        return 599; // no answer at all is as bad as a 5xx
    }

    String example(JsonNode parameter) {
        var example = parameter.has("example") ? parameter.get("example")
                : parameter.path("examples").elements().hasNext()
                ? document.resolve(parameter.path("examples").elements().next()).get("value") : null;
        return example == null ? null : example.isTextual() ? example.asText() : example.toString();
    }

    String bodyType(ApiDocument.Operation op) {
        var content = document.resolve(op.node().path("requestBody")).path("content");
        return content.fieldNames().hasNext() ? content.fieldNames().next() : null;
    }

    JsonNode bodyExample(ApiDocument.Operation op) {
        var content = document.resolve(op.node().path("requestBody")).path("content");
        if (!content.elements().hasNext()) {
            return null;
        }
        var media = content.elements().next();
        if (media.has("example")) {
            return media.get("example");
        }
        var examples = media.path("examples").elements();
        return examples.hasNext() ? document.resolve(examples.next()).get("value") : nodes.objectNode();
    }

    static String text(JsonNode body) {
        return body.isTextual() ? body.asText() : body.toString();
    }

    /** JSON pointers of every value in a body that is not a container, and of every container. */
    static List<String> leaves(JsonNode node, String pointer) {
        var found = new ArrayList<String>();
        if (!pointer.isEmpty()) {
            found.add(pointer);
        }
        if (node.isObject()) {
            node.fieldNames().forEachRemaining(name -> found.addAll(leaves(node.get(name), pointer + "/" + name)));
        } else if (node.isArray() && !node.isEmpty()) {
            found.addAll(leaves(node.get(0), pointer + "/0"));
        }
        return found;
    }

    static JsonNode replaced(JsonNode body, String pointer, JsonNode value) {
        var copy = body.deepCopy();
        var parent = copy.at(pointer.substring(0, pointer.lastIndexOf('/')));
        var last = pointer.substring(pointer.lastIndexOf('/') + 1);
        if (parent instanceof ObjectNode object) {
            object.set(last, value);
        } else if (parent instanceof ArrayNode array) {
            array.set(Integer.parseInt(last), value);
        }
        return copy;
    }

    static JsonNode deep(int depth) {
        JsonNode node = nodes.textNode("deep");
        for (int i = 0; i < depth; i++) {
            node = nodes.arrayNode().add(node);
        }
        return node;
    }

    static String brief(JsonNode value) {
        var text = value.toString();
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static Caller user(String name, long id) {
        return new Caller(name, () -> {
            var session = f.session(id);
            return Map.of("Cookie", Sessions.COOKIE + "=" + session.token(), AccessControl.CSRF_HEADER, session.csrfToken());
        });
    }

    static Caller bearer(String name, String token) {
        return new Caller(name, () -> Map.of("Authorization", "Bearer " + token));
    }
}
