package vn.hailong.http;

import java.util.List;
import java.util.Map;

import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;

/**
 * 422: the request was understood but values cannot be accepted. Names each field at fault:
 * {"status":422,"message":"…","field":"first field","errors":[{"field":…,"code":…,"message":…}, …]}.
 * The message is English, for developers; the code ("required", "too_long", …) lets a page say it in its reader's
 * language.
 */
public final class Invalid extends HttpResponseException {
    public record FieldError(String field, String code, String message) {
        /** An error without a more precise code. */
        public FieldError(String field, String message) {
            this(field, "invalid", message);
        }
    }

    private final List<FieldError> errors;

    private Invalid(List<FieldError> errors) {
        super(HttpStatus.UNPROCESSABLE_CONTENT.getCode(), summary(errors), Map.of("field", errors.get(0).field()));
        this.errors = List.copyOf(errors);
    }

    public static Invalid field(String field, String message) {
        return new Invalid(List.of(new FieldError(field, message)));
    }

    /** Several fields at once; errors must not be empty. */
    public static Invalid fields(List<FieldError> errors) {
        return new Invalid(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }

    private static String summary(List<FieldError> errors) {
        var first = errors.get(0);
        var text = first.field() + ": " + first.message();
        return errors.size() == 1 ? text : text + " (and " + (errors.size() - 1) + " more)";
    }
}
