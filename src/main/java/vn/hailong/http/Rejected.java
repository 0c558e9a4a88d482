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
    static final int MAX_PROBLEMS = 1000;

    public record Problem(int row, String column, String message) {
    }

    private final List<Problem> problems;
    private final long count;

    public Rejected(List<Problem> problems) {
        this(problems, problems.size());
    }

    /** The first problems of {@code count} in all; the answer carries the count as problemCount. */
    public Rejected(List<Problem> problems, long count) {
        super(HttpStatus.UNPROCESSABLE_CONTENT.getCode(), String.format(java.util.Locale.ROOT, "%,d %s; nothing was imported.",
                count, count == 1 ? "problem" : "problems"), Map.of());
        this.count = count;
        this.problems = List.copyOf(problems.subList(0, Math.min(MAX_PROBLEMS, problems.size())));
    }

    public List<Problem> problems() {
        return problems;
    }

    /** All the problems, of which {@link #problems()} holds the first {@value #MAX_PROBLEMS}. */
    public long count() {
        return count;
    }
}
