package vn.hailong.export;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A table in memory: named columns and rows of cells, for answers small enough to hold (analytics). */
public final class Table {
    private final List<String> columns;
    private final List<List<Object>> rows = new ArrayList<>();

    public Table(List<String> columns) {
        this.columns = List.copyOf(columns);
    }

    /** Adds a row; it must have one cell per column. */
    public Table row(List<?> cells) {
        if (cells.size() != columns.size()) {
            throw new IllegalArgumentException(cells.size() + " cells for " + columns.size() + " columns");
        }
        rows.add(new ArrayList<>(cells));
        return this;
    }

    public Table row(Object... cells) {
        return row(Arrays.asList(cells));
    }

    List<String> columns() {
        return columns;
    }

    List<List<Object>> rows() {
        return rows;
    }
}
