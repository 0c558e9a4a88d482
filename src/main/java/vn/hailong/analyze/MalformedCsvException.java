package vn.hailong.analyze;

/** A file that cannot be read as responses, naming the data row (1 = first after the header) and column at fault. */
public final class MalformedCsvException extends Exception {

    private static final long serialVersionUID = 1L;

    private final long row;
    private final String column;

    MalformedCsvException(long row, String column, String problem) {
        super((row > 0 ? "row " + row + ", " : "") + "column " + column + ": " + problem);
        this.row = row;
        this.column = column;
    }

    /** The data row at fault, or 0 for the header. */
    public long row() {
        return row;
    }

    public String column() {
        return column;
    }
}
