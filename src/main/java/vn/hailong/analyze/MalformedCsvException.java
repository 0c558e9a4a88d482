package vn.hailong.analyze;

/** A file that cannot be read, naming the data row (1 = first after the header) and column at fault. */
public final class MalformedCsvException extends Exception {

    private static final long serialVersionUID = 1L;

    private final long row;
    private final String column;

    /** A problem in a data row ({@code row} ≥ 1) or the header (0), in one column or, if empty, the whole row. */
    MalformedCsvException(long row, String column, String problem) {
        super(where(row, column) + ": " + problem);
        this.row = row;
        this.column = column;
    }

    private static String where(long row, String column) {
        String line = row > 0 ? "row " + row : "header";
        return column.isEmpty() ? line : line + ", column " + column;
    }

    /** The data row at fault, or 0 for the header. */
    long row() {
        return row;
    }

    /** The column at fault, or empty when the whole row is. */
    String column() {
        return column;
    }
}
