package vn.hailong.export;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;

/**
 * RFC 4180 CSV in UTF-8, starting with a byte-order mark: without it Excel reads the file in the system's
 * code page and Vietnamese turns to mojibake. Numbers are written plainly (no exponent) and unquoted, so they
 * read as numbers; every other cell is quoted, so a comma, semicolon or tab in it stays in the cell whichever
 * separator the reader's locale uses, and text that a spreadsheet would run as a formula is defused
 * ({@link Formulas}). Empty cells are empty.
 */
final class CsvSheet implements SheetFile {
    static final String BOM = "\uFEFF";
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setQuoteMode(QuoteMode.NON_NUMERIC).get();
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final CSVPrinter printer;

    CsvSheet(OutputStream out) throws IOException {
        var writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
        writer.write(BOM);
        printer = new CSVPrinter(writer, FORMAT);
    }

    @Override
    public void row(List<?> cells) throws IOException {
        var values = new ArrayList<Object>(cells.size());
        for (var cell : cells) {
            values.add(cell(cell));
        }
        printer.printRecord(values);
    }

    /** What is printed for a cell: null (an empty cell), a Number (unquoted) or a String (quoted). */
    static Object cell(Object cell) {
        if (cell == null) {
            return null;
        }
        if (cell instanceof Double || cell instanceof Float) {
            double d = ((Number) cell).doubleValue();
            return Double.isFinite(d) ? new Plain(BigDecimal.valueOf(d).stripTrailingZeros().toPlainString()) : null;
        }
        if (cell instanceof BigDecimal d) {
            return new Plain(d.toPlainString());
        }
        if (cell instanceof Number) {
            return cell; // whole numbers print plainly
        }
        if (cell instanceof Boolean) {
            return cell.toString();
        }
        if (cell instanceof LocalDateTime t) {
            return DATE_TIME.format(t);
        }
        return Formulas.defused(cell.toString());
    }

    @Override
    public void finish() throws IOException {
        printer.flush(); // the response stream is closed by the server, not here
    }

    @Override
    public void discard() {
        // nothing held beyond the stream
    }

    /** A number as the digits to print: the printer leaves a Number unquoted and prints its toString(). */
    private static final class Plain extends Number {
        private static final long serialVersionUID = 1L;
        private final String digits;

        Plain(String digits) {
            this.digits = digits;
        }

        @Override
        public String toString() {
            return digits;
        }

        @Override
        public int intValue() {
            return (int) doubleValue();
        }

        @Override
        public long longValue() {
            return (long) doubleValue();
        }

        @Override
        public float floatValue() {
            return (float) doubleValue();
        }

        @Override
        public double doubleValue() {
            return Double.parseDouble(digits);
        }
    }
}
