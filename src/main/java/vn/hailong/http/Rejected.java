package vn.hailong.http;

import java.util.List;
import java.util.Map;

import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;

/**
 * 422 for a file or batch with problems: every problem, by row and column. Thrown out of the transaction
 * that was importing, so nothing of the batch is kept.
 */
public final class Rejected extends HttpResponseException {
    public static final int MAX_PROBLEMS = 1000;

    public record Problem(int row, String column, String message) {
    }

    private final List<Problem> problems;

    public Rejected(List<Problem> problems) {
        super(HttpStatus.UNPROCESSABLE_CONTENT.getCode(),
                problems.size() + (problems.size() == 1 ? " problem" : " problems") + "; nothing was imported.", Map.of());
        this.problems = List.copyOf(problems.subList(0, Math.min(MAX_PROBLEMS, problems.size())));
    }

    public List<Problem> problems() {
        return problems;
    }
}
