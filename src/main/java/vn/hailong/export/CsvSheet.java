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

/**
 * RFC 4180 CSV in UTF-8, starting with a byte-order mark: without it Excel reads the file in the system's
 * code page and Vietnamese turns to mojibake. Numbers are written plainly (no exponent); text that a
 * spreadsheet would run as a formula gets a leading apostrophe.
 */
final class CsvSheet implements SheetFile {
    static final String BOM = "\uFEFF";
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final CSVPrinter printer;

    CsvSheet(OutputStream out) throws IOException {
        var writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
        writer.write(BOM);
        printer = new CSVPrinter(writer, CSVFormat.RFC4180);
    }

    @Override
    public void row(List<?> cells) throws IOException {
        var values = new ArrayList<String>(cells.size());
        for (var cell : cells) {
            values.add(text(cell));
        }
        printer.printRecord(values);
    }

    static String text(Object cell) {
        if (cell == null) {
            return "";
        }
        if (cell instanceof Double || cell instanceof Float) {
            double d = ((Number) cell).doubleValue();
            return Double.isFinite(d) ? BigDecimal.valueOf(d).stripTrailingZeros().toPlainString() : "";
        }
        if (cell instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (cell instanceof Number || cell instanceof Boolean) {
            return cell.toString();
        }
        if (cell instanceof LocalDateTime t) {
            return DATE_TIME.format(t);
        }
        var text = cell.toString();
        // =, +, -, @ (and tab or CR) would start a formula in Excel or LibreOffice: a comment is never run.
        return !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
    }

    @Override
    public void finish() throws IOException {
        printer.flush(); // the response stream is closed by the server, not here
    }

    @Override
    public void discard() {
        // nothing held beyond the stream
    }
}
