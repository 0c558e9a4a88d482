package vn.hailong.http;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * The OpenAPI document as the tests read it: its operations, and each operation's examples as cases. A case is
 * a named example of an answer (or a name in {@code x-examples} of an answer without a body); the request of
 * the case takes the parameter and body examples of the same name, or the single {@code example} they give.
 */
final class ApiDocument {
    static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch", "head", "options", "trace");

    final JsonNode root;

    ApiDocument(JsonNode root) {
        this.root = root;
    }

    /** An operation with the parameters of its path item and its own (its own win). */
    record Operation(String method, String path, JsonNode node, List<JsonNode> parameters) {
        String key() {
            return method.toUpperCase(Locale.ROOT) + " " + path;
        }

        String pointer() {
            return "/paths/" + escape(path) + "/" + method;
        }
    }

    /**
     * One example exchange. mediaType, example and schemaPointer are null for an answer without a body; caller
     * is the example's x-caller, or null for the operation's first security requirement.
     */
    record Case(Operation operation, String name, int status, String mediaType, JsonNode example,
                String schemaPointer, JsonNode response, String caller) {
        boolean succeeds() {
            return status < 400;
        }

        String label() {
            return operation.key() + " «" + name + "» → " + status;
        }
    }

    record Request(String method, String pathAndQuery, Map<String, String> headers, String contentType, String body) {
    }

    List<Operation> operations() {
        var operations = new ArrayList<Operation>();
        root.path("paths").fields().forEachRemaining(p -> {
            var item = resolve(p.getValue());
            item.fields().forEachRemaining(m -> {
                if (METHODS.contains(m.getKey())) {
                    var parameters = new LinkedHashMap<String, JsonNode>();
                    for (var list : List.of(item.path("parameters"), m.getValue().path("parameters"))) {
                        list.forEach(parameter -> {
                            var resolved = resolve(parameter);
                            parameters.put(resolved.path("in").asText() + ":" + resolved.path("name").asText(), resolved);
                        });
                    }
                    operations.add(new Operation(m.getKey(), p.getKey(), m.getValue(), List.copyOf(parameters.values())));
                }
            });
        });
        return operations;
    }

    /** Follows local references (#/components/…) until a node that is not one. */
    JsonNode resolve(JsonNode node) {
        var current = node;
        for (int hops = 0; current.has("$ref"); hops++) {
            var ref = current.get("$ref").asText();
            if (!ref.startsWith("#/") || hops > 10) {
                throw new AssertionError("Only local references are followed: " + ref);
            }
            current = root.at(ref.substring(1));
            if (current.isMissingNode()) {
                throw new AssertionError("Nothing at " + ref);
            }
        }
        return current;
    }

    /** The cases of an operation's own answers. Shared answers ($ref: 401, 403, 413, …) are checked, not sent. */
    List<Case> cases(Operation op) {
        var cases = new ArrayList<Case>();
        op.node().path("responses").fields().forEachRemaining(r -> {
            if (r.getValue().has("$ref")) {
                return;
            }
            int status = Integer.parseInt(r.getKey());
            var response = r.getValue();
            if (!response.has("content")) {
                response.path("x-examples").forEach(name ->
                        cases.add(new Case(op, name.asText(), status, null, null, null, response, null)));
                return;
            }
            response.get("content").fields().forEachRemaining(c -> {
                var schema = c.getValue().has("schema")
                        ? op.pointer() + "/responses/" + r.getKey() + "/content/" + escape(c.getKey()) + "/schema" : null;
                c.getValue().path("examples").fields().forEachRemaining(e -> {
                    var example = resolve(e.getValue());
                    var caller = example.has("x-caller") ? example.get("x-caller").asText()
                            : requestExample(op, e.getKey()).path("x-caller").asText(null);
                    cases.add(new Case(op, e.getKey(), status, c.getKey(), example.get("value"), schema, response,
                            caller));
                });
            });
        });
        return cases;
    }

    /** The request body's example object of a case's name (holding its value and any x-caller), or a missing node. */
    JsonNode requestExample(Operation op, String name) {
        for (var it = resolve(op.node().path("requestBody")).path("content").elements(); it.hasNext(); ) {
            var example = it.next().path("examples").get(name);
            if (example != null) {
                return resolve(example);
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    /** The example of a parameter for a case: the one of the case's name, or the parameter's single example. */
    JsonNode parameterExample(JsonNode parameter, String name) {
        if (parameter.has("examples")) {
            var example = parameter.get("examples").get(name);
            return example == null ? null : resolve(example).get("value");
        }
        return parameter.get("example");
    }

    /** The request body example of a case, with its media type; null when the operation takes none for it. */
    Map.Entry<String, JsonNode> bodyExample(Operation op, String name) {
        var body = resolve(op.node().path("requestBody"));
        for (var it = body.path("content").fields(); it.hasNext(); ) {
            var c = it.next();
            var example = c.getValue().path("examples").get(name);
            if (example != null) {
                return Map.entry(c.getKey(), resolve(example).get("value"));
            }
            if (c.getValue().has("example")) {
                return Map.entry(c.getKey(), c.getValue().get("example"));
            }
        }
        return null;
    }

    /** What to send for a case; substitute turns a documented made-up value (a token, a code) into the real one. */
    Request request(Case c, UnaryOperator<String> substitute) {
        var op = c.operation();
        var path = op.path();
        var query = new StringJoiner("&", "?", "").setEmptyValue("");
        var headers = new LinkedHashMap<String, String>();
        for (var parameter : op.parameters()) {
            var name = parameter.path("name").asText();
            var value = parameterExample(parameter, c.name());
            if (value == null) {
                if (parameter.path("required").asBoolean()) {
                    throw new AssertionError(c.label() + ": required parameter " + name + " has no example");
                }
                continue;
            }
            var text = substitute.apply(value.isTextual() ? value.asText() : value.toString());
            switch (parameter.path("in").asText()) {
                case "path" -> path = path.replace("{" + name + "}", encode(text));
                case "query" -> query.add(encode(name) + "=" + encode(text));
                case "header" -> headers.put(name, text);
                default -> throw new AssertionError(c.label() + ": parameters in " + parameter.path("in") + " are not sent");
            }
        }
        var body = bodyExample(op, c.name());
        if (body == null) {
            if (resolve(op.node().path("requestBody")).path("required").asBoolean()) {
                throw new AssertionError(c.label() + ": the request body is required and has no example «" + c.name() + "»");
            }
            return new Request(op.method().toUpperCase(Locale.ROOT), path + query, headers, null, null);
        }
        var text = body.getKey().contains("json") ? substituted(body.getValue(), substitute).toString()
                : substitute.apply(body.getValue().asText());
        return new Request(op.method().toUpperCase(Locale.ROOT), path + query, headers, body.getKey(), text);
    }

    /** A copy of a JSON value with substitute applied to every string in it. */
    static JsonNode substituted(JsonNode value, UnaryOperator<String> substitute) {
        if (value.isTextual()) {
            return TextNode.valueOf(substitute.apply(value.asText()));
        }
        if (value.isContainerNode()) {
            var copy = value.deepCopy();
            if (copy.isObject()) {
                var object = (ObjectNode) copy;
                value.fields().forEachRemaining(f -> object.set(f.getKey(), substituted(f.getValue(), substitute)));
            } else {
                var array = (com.fasterxml.jackson.databind.node.ArrayNode) copy;
                for (int i = 0; i < array.size(); i++) {
                    array.set(i, substituted(value.get(i), substitute));
                }
            }
            return copy;
        }
        return value;
    }

    /** A JSON pointer token: ~ and / escaped. */
    static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
