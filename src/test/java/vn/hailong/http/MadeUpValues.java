package vn.hailong.http;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Values the server makes up (enrolment codes, link codes, invitation tokens) differ from the documented ones on
 * every run. Lining up a documented answer with the real one learns them: strings are cut at every character that
 * cannot be in a token, and where the pieces differ, a documented piece of six or more letters and digits is kept,
 * so that a later example sending it sends the real one instead.
 */
final class MadeUpValues {
    private final Map<String, String> learned = new LinkedHashMap<>();

    void learn(JsonNode documented, JsonNode actual) {
        if (documented == null || actual == null) {
            return;
        }
        if (documented.isObject()) {
            documented.fields().forEachRemaining(f -> learn(f.getValue(), actual.get(f.getKey())));
        } else if (documented.isArray()) {
            for (int i = 0; i < Math.min(documented.size(), actual.size()); i++) {
                learn(documented.get(i), actual.get(i));
            }
        } else if (documented.isTextual() && actual.isTextual()) {
            var from = documented.asText().split("[^A-Za-z0-9_-]", -1);
            var to = actual.asText().split("[^A-Za-z0-9_-]", -1);
            for (int i = 0; i < from.length && from.length == to.length; i++) {
                if (!from[i].equals(to[i]) && from[i].length() >= 6 && from[i].matches(".*[A-Za-z].*")) {
                    learned.put(from[i], to[i]);
                }
            }
        }
    }

    /** The value with every documented made-up piece in it replaced by the real one, longest first. */
    String substitute(String value) {
        var result = value;
        for (var from : learned.keySet().stream().sorted(Comparator.comparing(String::length).reversed()).toList()) {
            result = result.replace(from, learned.get(from));
        }
        return result;
    }
}
