package vn.hailong.http;

import java.util.Map;

import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;

/** 422: the request was understood but a field's value cannot be accepted; names the field. */
public final class Invalid extends HttpResponseException {
    private Invalid(String field, String message) {
        super(HttpStatus.UNPROCESSABLE_CONTENT.getCode(), message, Map.of("field", field));
    }

    public static Invalid field(String field, String message) {
        return new Invalid(field, field + ": " + message);
    }
}
