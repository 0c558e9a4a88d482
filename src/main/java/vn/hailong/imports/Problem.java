package vn.hailong.imports;

/** Something wrong in an imported file: its row as a spreadsheet numbers it (the header is row 1) and column. */
record Problem(int row, String column, String message) {
}
