package vn.hailong.imports;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * A file of rows under a header, read as a stream and as often as needed: CSV (UTF-8) or the first sheet of
 * an XLSX workbook. Cells are cut to {@link #MAX_CELL} + 1 characters and rows to {@link #MAX_CELLS} cells,
 * so one huge cell or row costs no more memory than a normal one.
 */
interface Sheet {
    int MAX_CELL = 2_000;
    int MAX_CELLS = 1_000;

    /** What a reading delivers. Row numbers are 1-based, as a spreadsheet shows them; empty rows are left out. */
    interface Rows {
        void header(int row, List<String> names);

        /** cells: at most MAX_CELLS; width: how many the row had. */
        void row(int row, String[] cells, int width);
    }

    void read(Rows rows) throws IOException, SheetException;

    /** The two kinds of file an import reads. */
    enum Format {
        CSV, XLSX;

        /** XLSX when the file is a ZIP archive, as every workbook is; CSV otherwise. */
        static Format of(Path file) throws IOException {
            return isZip(file) ? XLSX : CSV;
        }
    }

    static Sheet of(Path file, Format format) {
        return format == Format.XLSX ? new XlsxSheet(file) : new CsvSheet(file);
    }

    private static boolean isZip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(4), new byte[] {'P', 'K', 3, 4});
        }
    }

    /** The same sheet, telling {@code atRow} the number of each row it delivers (for showing progress). */
    static Sheet counted(Sheet sheet, java.util.function.IntConsumer atRow) {
        return rows -> sheet.read(new Rows() {
            @Override
            public void header(int row, List<String> names) {
                rows.header(row, names);
            }

            @Override
            public void row(int row, String[] cells, int width) {
                rows.row(row, cells, width);
                atRow.accept(row);
            }
        });
    }

    /** A cell cut to the length a check needs to see that it is too long. */
    static String capped(String cell) {
        return cell.length() > MAX_CELL ? cell.substring(0, MAX_CELL + 1) : cell;
    }
}
