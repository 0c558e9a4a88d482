package vn.hailong.http;

import java.io.IOException;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
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
            T value = mapper.readValue(ctx.bodyAsBytes(), type);
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
            throw new BadRequestResponse("The body is not valid JSON: " + brief(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new BadRequestResponse("The body could not be read.");
        }
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
