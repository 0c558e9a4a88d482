package vn.hailong.imports;

/** A file that cannot be read on from some row: bad encoding, broken quoting, not a workbook. */
final class SheetException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int row;

    SheetException(int row, String message) {
        super(message);
        this.row = row;
    }

    SheetException(int row, String message, Throwable cause) {
        super(message, cause);
        this.row = row;
    }

    int row() {
        return row;
    }
}
