package vn.hailong.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.jooq.CloseableDSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;

import vn.hailong.App;
import vn.hailong.Settings;
import vn.hailong.TestApp;
import vn.hailong.TestDatabase;
import vn.hailong.auth.AccessControl;
import vn.hailong.auth.ApiKeys;
import vn.hailong.auth.KioskDevices;
import vn.hailong.auth.Sessions;
import vn.hailong.demo.DemoProvince;

/**
 * The OpenAPI document (src/main/resources/openapi.yaml) against the running application on the demo province:
 * every route is documented with its access rule and nothing else is; every example fits its schema; and every
 * example request, sent in the document's order, gets the documented status and an answer that fits the
 * documented schema. The real answers are written to target/openapi-answers, to copy examples from.
 */
class OpenApiTest {
    /** The admin password the document's sign-in example uses. */
    static final String ADMIN_PASSWORD = "correct-horse-battery";
    static final Path ANSWERS = Path.of("target", "openapi-answers");
    static final ObjectMapper json = new ObjectMapper();
    static final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    static final String ALERT_FIGURES = "{\"recent\":{\"value\":71.2,\"se\":2.1,\"low\":67.1,\"high\":75.3,\"n\":96},"
            + "\"baseline\":{\"value\":80.4,\"se\":0.6,\"low\":79.2,\"high\":81.6,\"n\":1210},"
            + "\"change\":{\"delta\":-9.2,\"se\":2.18,\"low\":-13.5,\"high\":-4.9,\"z\":-4.22,\"p\":0.00002,"
            + "\"q\":0.0003,\"significant\":true},\"family\":14,\"q\":0.05,\"target\":null,\"criteria\":"
            + "[{\"code\":\"TT2\",\"recent\":62.5,\"baseline\":79.9,\"change\":{\"delta\":-17.4,\"se\":5.0,"
            + "\"low\":-27.2,\"high\":-7.6,\"z\":-3.48,\"p\":0.0005,\"q\":0.008,\"significant\":true}}],\"minN\":30}";
    static TestApp app;
    static CloseableDSLContext dsl;
    static ApiDocument document;
    static DocumentSchemas schemas;
    static long adminId;
    static String kioskToken;
    static final Map<String, String> keys = new HashMap<>();

    @BeforeAll
    static void start() throws IOException {
        app = TestApp.start(new Settings(0, Optional.of(TestDatabase.fresh()), Path.of("target", "unused-data-dir"),
                false, Optional.of(ADMIN_PASSWORD)).withMetricsToken(TestApp.METRICS_TOKEN));
        dsl = app.dsl();
        new DemoProvince(dsl).fillIfEmpty(DemoProvince.DEFAULT_SEED, 2025);
        adminId = TestApp.one(dsl, "select id from app_user where username = 'admin'", Long.class);
        // An alert for the document's acknowledgement example (the demo's ratings end before this week's windows).
        dsl.execute("insert into alert (id, unit_id, questionnaire, kind, period, recent_from, recent_to, baseline_from,"
                + " baseline_to, figures) select 1, id, 'SIPAS', 'drop', '2025-W50', '2025-11-10', '2025-12-07',"
                + " '2024-11-11', '2025-11-09', ?::jsonb from unit where code = '99.STP'", ALERT_FIGURES);
        dsl.execute("select setval(pg_get_serial_sequence('alert', 'id'), 1)");
        long centre = TestApp.one(dsl, "select min(id) from service_centre", Long.class);
        var devices = new KioskDevices(dsl);
        kioskToken = devices.enrol(devices.create(dsl, centre, "OpenAPI test kiosk", null).enrolmentCode())
                .orElseThrow().token();
        var served = app.get("/api/v1/openapi.json");
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        document = new ApiDocument(json.readTree(served.body()));
        schemas = new DocumentSchemas(document.root);
    }

    @AfterAll
    static void stop() {
        dsl.close();
        app.close();
    }

    @Test
    void every_route_is_documented_and_every_documented_operation_is_a_route() {
        var routes = app.app.routes().stream().map(r -> r.method() + " " + r.path()).collect(Collectors.toCollection(TreeSet::new));
        var documented = document.operations().stream().map(ApiDocument.Operation::key)
                .collect(Collectors.toCollection(TreeSet::new));
        var missing = new TreeSet<>(routes);
        missing.removeAll(documented);
        var extra = new TreeSet<>(documented);
        extra.removeAll(routes);
        assertThat(missing).as("routes of App.routes() missing from openapi.yaml").isEmpty();
        assertThat(extra).as("operations in openapi.yaml that are no route").isEmpty();
        assertThat(document.root.path("openapi").asText()).startsWith("3.1");
        assertThat(document.root.at("/info/version").asText()).isEqualTo(App.VERSION);
    }

    @Test
    void every_operation_states_its_routes_access_rule_and_a_matching_security_requirement() {
        var roles = new HashMap<String, Set<String>>();
        app.app.routes().forEach(r -> roles.put(r.method() + " " + r.path(),
                r.roles().stream().map(Object::toString).collect(Collectors.toCollection(TreeSet::new))));
        var failures = new ArrayList<String>();
        var ids = new HashMap<String, String>();
        for (var op : document.operations()) {
            var access = new TreeSet<String>();
            op.node().path("x-access").forEach(a -> access.add(a.asText()));
            if (!access.equals(roles.get(op.key()))) {
                failures.add(op.key() + ": x-access " + access + " but the route allows " + roles.get(op.key()));
            }
            var expected = requirements(access, op.method());
            var declared = new TreeSet<String>();
            security(op).forEach(r -> declared.add(requirement(r)));
            if (access.contains("PUBLIC") ? !declared.contains("anonymous") : !declared.equals(expected)) {
                failures.add(op.key() + ": security " + declared + " but " + access + " calls for " + expected);
            }
            var id = op.node().path("operationId").asText();
            if (id.isEmpty() || ids.put(id, op.key()) != null) {
                failures.add(op.key() + ": operationId '" + id + "' is missing or used twice");
            }
            if (op.node().path("summary").asText().isBlank() || op.node().path("tags").isEmpty()) {
                failures.add(op.key() + ": needs a summary and a tag");
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void every_example_fits_its_schema() {
        var failures = new ArrayList<String>();
        int checked = 0;
        for (var op : document.operations()) {
            var cases = document.cases(op);
            if (cases.stream().noneMatch(ApiDocument.Case::succeeds)) {
                failures.add(op.key() + ": no example of a successful exchange");
            }
            for (var c : cases) {
                if (c.schemaPointer() != null && c.mediaType().contains("json")) {
                    failures.addAll(problems(c.label() + " answer example", c.schemaPointer(), c.example()));
                    checked++;
                }
                if (!c.succeeds()) {
                    continue; // the request of a failing exchange is wrong on purpose
                }
                for (var parameter : op.parameters()) {
                    var value = document.parameterExample(parameter, c.name());
                    if (value != null && parameter.has("schema")) {
                        var pointer = pointerOf(op, parameter);
                        failures.addAll(problems(c.label() + " parameter " + parameter.path("name").asText(), pointer, value));
                        checked++;
                    }
                }
                var body = document.bodyExample(op, c.name());
                if (body != null && body.getKey().contains("json")) {
                    var pointer = requestBodyPointer(op) + "/content/" + ApiDocument.escape(body.getKey()) + "/schema";
                    failures.addAll(problems(c.label() + " request example", pointer, body.getValue()));
                    checked++;
                }
            }
            // Shared answers (401, 403, 413, …) are not sent: their examples are checked here.
            op.node().path("responses").fields().forEachRemaining(r -> {
                if (r.getValue().has("$ref")) {
                    var ref = r.getValue().get("$ref").asText().substring(1);
                    document.resolve(r.getValue()).path("content").fields().forEachRemaining(c ->
                            c.getValue().path("examples").fields().forEachRemaining(e -> failures.addAll(problems(
                                    op.key() + " " + r.getKey() + " «" + e.getKey() + "»",
                                    ref + "/content/" + ApiDocument.escape(c.getKey()) + "/schema",
                                    document.resolve(e.getValue()).get("value")))));
                }
            });
        }
        assertThat(failures).isEmpty();
        assertThat(checked).isGreaterThan(document.operations().size());
    }

    @Test
    void every_request_example_belongs_to_a_case_that_sends_it() {
        // A parameter or body example whose name no answer example has is never sent: most likely a typo.
        var failures = new ArrayList<String>();
        var sentBy = new java.util.IdentityHashMap<JsonNode, Set<String>>();
        for (var op : document.operations()) {
            var names = document.cases(op).stream().map(ApiDocument.Case::name).collect(Collectors.toSet());
            op.parameters().forEach(p -> sentBy.computeIfAbsent(p, k -> new TreeSet<>()).addAll(names));
            document.resolve(op.node().path("requestBody")).path("content").forEach(content ->
                    content.path("examples").fieldNames().forEachRemaining(name -> {
                        if (!names.contains(name)) {
                            failures.add(op.key() + ": request body example «" + name + "» has no answer example");
                        }
                    }));
        }
        sentBy.forEach((parameter, names) -> parameter.path("examples").fieldNames().forEachRemaining(name -> {
            if (!names.contains(name)) {
                failures.add("parameter " + parameter.path("name").asText() + ": example «" + name
                        + "» has no answer example in the operations that take it");
            }
        }));
        assertThat(failures).isEmpty();
    }

    @Test
    void every_example_request_gets_the_documented_status_and_an_answer_that_fits_the_schema() throws Exception {
        var madeUp = new MadeUpValues();
        var failures = new ArrayList<String>();
        Files.createDirectories(ANSWERS);
        int sent = 0;
        for (var op : document.operations()) {
            for (var c : document.cases(op)) {
                var request = document.request(c, madeUp::substitute);
                var caller = c.caller() != null ? c.caller() : defaultCaller(op);
                var response = send(request, caller);
                sent++;
                var body = response.body();
                Files.writeString(ANSWERS.resolve(op.node().path("operationId").asText("op") + "." + c.name() + ".txt"),
                        request.method() + " " + request.pathAndQuery() + " as " + caller + "\n" + response.statusCode()
                                + "\n" + pretty(body));
                if (response.statusCode() != c.status()) {
                    failures.add(c.label() + ": got " + response.statusCode() + " for " + request.method() + " "
                            + request.pathAndQuery() + " as " + caller + ": " + brief(body));
                    continue;
                }
                failures.addAll(headerProblems(c, response));
                if (c.mediaType() == null) {
                    if (!body.isEmpty()) {
                        failures.add(c.label() + ": documented without a body, got " + brief(body));
                    }
                    continue;
                }
                var contentType = response.headers().firstValue("Content-Type").orElse("");
                if (!contentType.toLowerCase(Locale.ROOT).startsWith(c.mediaType())) {
                    failures.add(c.label() + ": Content-Type " + contentType + ", documented " + c.mediaType());
                    continue;
                }
                if (c.mediaType().contains("json")) {
                    var actual = json.readTree(body);
                    if (c.schemaPointer() != null) {
                        failures.addAll(problems(c.label() + " real answer", c.schemaPointer(), actual));
                    }
                    madeUp.learn(c.example(), actual);
                } else if (body.isEmpty()) {
                    failures.add(c.label() + ": the answer is empty");
                }
            }
        }
        assertThat(failures).as("out of %d example requests", sent).isEmpty();
        assertThat(sent).isGreaterThanOrEqualTo(app.app.routes().size());
    }

    /** The security requirements that roles call for, as names: anonymous, session, session+csrf, kiosk, key:scope. */
    static Set<String> requirements(Set<String> access, String method) {
        var expected = new TreeSet<String>();
        for (var role : access) {
            switch (role) {
                case "PUBLIC" -> expected.add("anonymous");
                case "SIGNED_IN", "ADMIN", "ANALYST", "AGENCY_MANAGER" ->
                        expected.add(method.equals("get") ? "session" : "session+csrf");
                case "KIOSK" -> expected.add("kiosk");
                case "METRICS" -> expected.add("metrics");
                default -> expected.add("key:" + role.substring("KEY_".length()).toLowerCase(Locale.ROOT));
            }
        }
        return expected;
    }

    static String requirement(JsonNode requirement) {
        if (requirement.has("sessionCookie")) {
            return requirement.has("csrfToken") ? "session+csrf" : "session";
        }
        if (requirement.has("kioskDevice")) {
            return "kiosk";
        }
        if (requirement.has("metricsToken")) {
            return "metrics";
        }
        if (requirement.has("apiKey")) {
            var scopes = new ArrayList<String>();
            requirement.get("apiKey").forEach(s -> scopes.add(s.asText()));
            return "key:" + String.join(",", scopes);
        }
        return requirement.isEmpty() ? "anonymous" : requirement.toString();
    }

    static JsonNode security(ApiDocument.Operation op) {
        return op.node().has("security") ? op.node().get("security") : document.root.path("security");
    }

    /** Who sends an example: the operation's first security requirement, as the admin, the test kiosk or a key. */
    static String defaultCaller(ApiDocument.Operation op) {
        var first = security(op).path(0);
        var name = first.isMissingNode() ? "anonymous" : requirement(first);
        return name.startsWith("session") ? "admin" : name;
    }

    static HttpResponse<String> send(ApiDocument.Request request, String caller) throws Exception {
        var builder = HttpRequest.newBuilder(URI.create("http://localhost:" + app.app.port() + request.pathAndQuery()));
        request.headers().forEach(builder::header);
        credentials(caller).forEach(builder::header);
        if (request.body() != null) {
            builder.header("Content-Type", request.contentType());
        }
        builder.method(request.method(), request.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(request.body()));
        return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Fresh credentials for each request: a new admin session (with its CSRF token), the kiosk, or an API key. */
    static Map<String, String> credentials(String caller) {
        if (caller.equals("anonymous")) {
            return Map.of();
        }
        if (caller.equals("admin")) {
            var session = new Sessions(dsl).create(adminId);
            return Map.of("Cookie", Sessions.COOKIE + "=" + session.token(), AccessControl.CSRF_HEADER, session.csrfToken());
        }
        if (caller.equals("kiosk")) {
            return Map.of("Authorization", "Bearer " + kioskToken);
        }
        if (caller.equals("metrics")) {
            return Map.of("Authorization", "Bearer " + TestApp.METRICS_TOKEN);
        }
        if (caller.startsWith("key:")) {
            var secret = keys.computeIfAbsent(caller, k -> new ApiKeys(dsl).create(dsl, "OpenAPI test " + k,
                    List.of(k.substring(4).split(",")), null).secret());
            return Map.of("Authorization", "Bearer " + secret);
        }
        throw new AssertionError("Unknown x-caller " + caller + ": use anonymous, admin, kiosk or key:SCOPE");
    }

    /** Headers documented as required are there, and their values fit their schemas. */
    static List<String> headerProblems(ApiDocument.Case c, HttpResponse<String> response) {
        var problems = new ArrayList<String>();
        c.response().path("headers").fields().forEachRemaining(h -> {
            var header = document.resolve(h.getValue());
            var value = response.headers().firstValue(h.getKey());
            if (value.isEmpty()) {
                if (header.path("required").asBoolean()) {
                    problems.add(c.label() + ": header " + h.getKey() + " is missing");
                }
                return;
            }
            var pointer = c.operation().pointer() + "/responses/" + c.status() + "/headers/" + ApiDocument.escape(h.getKey());
            if (h.getValue().has("$ref")) {
                pointer = h.getValue().get("$ref").asText().substring(1);
            }
            JsonNode node = header.at("/schema/type").asText().equals("integer") && value.get().matches("\\d+")
                    ? IntNode.valueOf(Integer.parseInt(value.get())) : TextNode.valueOf(value.get());
            problems.addAll(OpenApiTest.problems(c.label() + " header " + h.getKey(), pointer + "/schema", node));
        });
        return problems;
    }

    static List<String> problems(String what, String pointer, JsonNode value) {
        if (value == null) {
            return List.of(what + ": no value");
        }
        return schemas.problems(pointer, value).stream().map(p -> what + ": " + p).toList();
    }

    static String pointerOf(ApiDocument.Operation op, JsonNode parameter) {
        // Parameters are written inline or as #/components/parameters/…; find where this one lives.
        for (var source : List.of(op.pointer() + "/parameters", "/paths/" + ApiDocument.escape(op.path()) + "/parameters")) {
            var list = document.root.at(source);
            for (int i = 0; i < list.size(); i++) {
                var entry = list.get(i);
                if (document.resolve(entry) == parameter) {
                    return (entry.has("$ref") ? entry.get("$ref").asText().substring(1) : source + "/" + i) + "/schema";
                }
            }
        }
        throw new AssertionError("Parameter not found: " + parameter);
    }

    static String requestBodyPointer(ApiDocument.Operation op) {
        var body = op.node().path("requestBody");
        return body.has("$ref") ? body.get("$ref").asText().substring(1) : op.pointer() + "/requestBody";
    }

    /** A JSON answer indented to read and copy; any other answer as it came, cut short. */
    static String pretty(String body) {
        try {
            return json.writerWithDefaultPrettyPrinter().writeValueAsString(json.readTree(body));
        } catch (IOException e) {
            return body.length() > 4000 ? body.substring(0, 4000) + "…" : body;
        }
    }

    static String brief(String body) {
        return body.length() > 400 ? body.substring(0, 400) + "…" : body;
    }
}
