package vn.hailong.imports;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The problems of a file: every one counted, the first {@link #KEPT} kept, so a file of errors costs no memory. */
final class Problems {
    static final int KEPT = 1_000;

    private final List<Problem> kept = new ArrayList<>();
    private long count;

    void add(int row, String column, String message) {
        count++;
        if (kept.size() < KEPT) {
            kept.add(new Problem(row, column, message));
        }
    }

    boolean any() {
        return count > 0;
    }

    long count() {
        return count;
    }

    /** The problems kept, by row. */
    List<Problem> first() {
        var sorted = new ArrayList<>(kept);
        sorted.sort(Comparator.comparingInt(Problem::row));
        return List.copyOf(sorted);
    }
}
