package vn.hailong.http;

import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;

/** Reading request bodies and parameters with errors a person can act on (400, 415, 422 naming the field). */
public final class Requests {
    private static final ObjectMapper mapper = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .registerModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Requests() {
    }

    /** The JSON body as a record; 415 when it is not JSON, 400 naming the field when it does not fit. */
    public static <T> T json(Context ctx, Class<T> type) {
        return json(ctx, mapper.getTypeFactory().constructType(type));
    }

    /** The JSON body as a generic type, e.g. a list of records. */
    public static <T> T json(Context ctx, com.fasterxml.jackson.core.type.TypeReference<T> type) {
        return json(ctx, mapper.getTypeFactory().constructType(type));
    }

    private static <T> T json(Context ctx, com.fasterxml.jackson.databind.JavaType type) {
        var contentType = ctx.contentType();
        if (contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT).contains("json")) {
            throw new HttpResponseException(HttpStatus.UNSUPPORTED_MEDIA_TYPE.getCode(),
                    "Send the body as JSON with Content-Type: application/json.", Map.of());
        }
        try {
            // bodyAsBytes enforces the server's request size limit (413).
            var body = ctx.bodyAsBytes();
            if (escapesNul(body)) {
                var field = nulField(mapper.readTree(body), "");
                throw nul(field == null || field.isEmpty() ? "body" : field);
            }
            T value = mapper.readValue(body, type);
            if (value == null) {
                throw new BadRequestResponse("The body is empty; send a JSON object.");
            }
            return value;
        } catch (JsonMappingException e) {
            var field = e.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining("."));
            var problem = describe(e);
            if (field.isEmpty()) {
                throw new BadRequestResponse("The body is not the JSON object expected: " + brief(problem));
            }
            throw new HttpResponseException(HttpStatus.BAD_REQUEST.getCode(), field + ": " + brief(problem),
                    Map.of("field", field));
        } catch (JsonProcessingException e) {
            if (e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field")) {
                var field = e.getOriginalMessage().replaceAll("^Duplicate field '(.*)'$", "$1");
                throw new HttpResponseException(HttpStatus.BAD_REQUEST.getCode(),
                        field + ": is given twice; send each field once", Map.of("field", field));
            }
            throw new BadRequestResponse("The body is not valid JSON: " + brief(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new BadRequestResponse("The body could not be read.");
        }
    }

    /**
     * Refuses, with 400 naming it, a query or path parameter that holds a NUL character: no text PostgreSQL keeps
     * may, and it is never part of anything a person types.
     */
    public static void refuseNul(Context ctx) {
        for (var parameter : ctx.queryParamMap().entrySet()) {
            for (var value : parameter.getValue()) {
                if (value.indexOf('\u0000') >= 0 || parameter.getKey().indexOf('\u0000') >= 0) {
                    throw nul(parameter.getKey().replace("\u0000", "\\u0000"));
                }
            }
        }
        for (var parameter : ctx.pathParamMap().entrySet()) {
            if (parameter.getValue().indexOf('\u0000') >= 0) {
                throw nul(parameter.getKey());
            }
        }
    }

    private static HttpResponseException nul(String field) {
        return new HttpResponseException(HttpStatus.BAD_REQUEST.getCode(),
                field + ": holds a NUL character (U+0000), which is not text", Map.of("field", field));
    }

    /**
     * Whether JSON text writes a NUL character: a backslash-u-0000 escape whose backslash is not itself escaped
     * (JSON cannot hold a raw NUL; the parser refuses one).
     */
    static boolean escapesNul(byte[] json) {
        for (int i = 0; i + 5 < json.length; i++) {
            if (json[i] == '\\' && json[i + 1] == 'u' && json[i + 2] == '0' && json[i + 3] == '0' && json[i + 4] == '0'
                    && json[i + 5] == '0') {
                int backslashes = 0;
                for (int j = i; j >= 0 && json[j] == '\\'; j--) {
                    backslashes++;
                }
                if (backslashes % 2 == 1) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Where in a JSON value the first NUL character is, as the field path errors name ("answers.TC1"). */
    private static String nulField(JsonNode node, String path) {
        if (node.isTextual() && node.asText().indexOf('\u0000') >= 0) {
            return path;
        }
        if (node.isObject()) {
            for (var it = node.fields(); it.hasNext(); ) {
                var field = it.next();
                var name = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                if (field.getKey().indexOf('\u0000') >= 0) {
                    return name.replace("\u0000", "\\u0000");
                }
                var found = nulField(field.getValue(), name);
                if (found != null) {
                    return found;
                }
            }
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                var found = nulField(node.get(i), path + "[" + i + "]");
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /** The earliest and latest dates a parameter may name: PostgreSQL keeps neither a year 0 nor a year 10000. */
    static final LocalDate FIRST_DATE = LocalDate.of(1900, 1, 1);
    static final LocalDate LAST_DATE = LocalDate.of(9999, 12, 31);

    /** An optional date query parameter (2025-12-31); 422 naming it when it is no date from 1900 to 9999. */
    public static LocalDate date(Context ctx, String name) {
        var value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            var date = LocalDate.parse(value.strip());
            if (!date.isBefore(FIRST_DATE) && !date.isAfter(LAST_DATE)) {
                return date;
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        throw Invalid.field(name, "must be a date like 2025-12-31, from " + FIRST_DATE + " to " + LAST_DATE);
    }

    /** An optional whole-number query parameter; 422 naming it when it is not one from min to max. */
    public static int wholeNumber(Context ctx, String name, int fallback, int min, int max) {
        var value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw Invalid.field(name, "must be a whole number from " + min + " to " + max);
    }

    /** A numeric path parameter, 404 when it is not a number (no such resource can exist). */
    public static long id(Context ctx, String name) {
        try {
            return Long.parseLong(ctx.pathParam(name));
        } catch (NumberFormatException e) {
            throw new io.javalin.http.NotFoundResponse("No such " + name.replace("Id", "").replace("id", "resource")
                    + ": " + ctx.pathParam(name));
        }
    }

    /** A required, non-blank text field, trimmed. */
    public static String text(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            throw Invalid.field(field, "is required");
        }
        var trimmed = value.strip();
        if (trimmed.length() > maxLength) {
            throw Invalid.field(field, "is longer than " + maxLength + " characters");
        }
        return trimmed;
    }

    /** An optional text field: null or blank becomes null. */
    public static String optionalText(String field, String value, int maxLength) {
        return value == null || value.isBlank() ? null : text(field, value, maxLength);
    }

    /** What is wrong with a field, in words a person reads rather than Jackson's. */
    static String describe(JsonMappingException e) {
        if (e instanceof InvalidNullException) {
            return "is required";
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return "must be " + kind(mismatch.getTargetType());
        }
        return e.getOriginalMessage() == null ? "cannot be read" : e.getOriginalMessage().split("\n")[0];
    }

    private static String kind(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == Short.class || type == short.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "text";
        }
        if (type == java.util.UUID.class) {
            return "a UUID such as 3f1c0d9e-8a57-4c3b-9a51-6f2d1e0b7c44";
        }
        if (type == java.time.OffsetDateTime.class || type == java.time.Instant.class) {
            return "a date and time such as 2026-01-31T09:30:00+07:00";
        }
        if (type == java.time.LocalDate.class) {
            return "a date such as 2026-01-31";
        }
        if (type.isArray() || java.util.Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        return "an object";
    }

    private static String brief(String message) {
        if (message == null) {
            return "unreadable";
        }
        var first = message.split("\n")[0];
        return first.length() > 200 ? first.substring(0, 200) + "…" : first;
    }
}
