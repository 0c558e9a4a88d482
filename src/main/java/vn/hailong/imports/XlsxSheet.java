package vn.hailong.imports;

import java.io.IOException;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * The first sheet of an XLSX workbook, read with POI's streaming (SAX) reader: rows as they come, shared
 * strings from a temporary file ({@link CappedSharedStrings}), dates as ISO text whatever their display format.
 */
final class XlsxSheet implements Sheet {
    private final Path file;

    XlsxSheet(Path file) {
        this.file = file;
    }

    @Override
    public void read(Rows rows) throws IOException, SheetException {
        var contents = new Contents(rows);
        try (var workbook = OPCPackage.open(file.toFile(), PackageAccess.READ);
             var strings = CappedSharedStrings.of(workbook)) {
            var reader = new XSSFReader(workbook);
            var sheets = reader.getSheetsData();
            if (!sheets.hasNext()) {
                return;
            }
            try (var sheet = sheets.next()) {
                var parser = XMLHelper.newXMLReader();
                parser.setContentHandler(new XSSFSheetXMLHandler(reader.getStylesTable(), null, strings, contents,
                        new IsoDates(), false));
                parser.parse(new InputSource(sheet));
            }
        } catch (Handled e) {
            throw e.failure;
        } catch (OpenXML4JException | SAXException | IOException | RuntimeException
                 | javax.xml.parsers.ParserConfigurationException e) {
            // Whatever POI throws on a broken, truncated or hostile (zip bomb) workbook.
            throw new SheetException(Math.max(1, contents.row), "not a readable XLSX workbook: " + e.getMessage(), e);
        }
    }

    /** A failure of the code the rows were handed to, told apart from POI's own. */
    private static final class Handled extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final RuntimeException failure;

        Handled(RuntimeException failure) {
            super(failure);
            this.failure = failure;
        }
    }

    /** Collects each row's cells by column, fills the gaps POI leaves for empty cells, and hands the row on. */
    private static final class Contents implements XSSFSheetXMLHandler.SheetContentsHandler {
        private final Rows rows;
        private final List<String> cells = new ArrayList<>();
        private int width;
        private int headerWidth = -1;
        int row;

        Contents(Rows rows) {
            this.rows = rows;
        }

        @Override
        public void startRow(int rowNum) {
            row = rowNum + 1;
            cells.clear();
            width = 0;
        }

        @Override
        public void cell(String reference, String value, XSSFComment comment) {
            int column = reference == null ? width : new CellReference(reference).getCol();
            if (value == null || value.isBlank()) {
                return; // an empty cell, even if formatted, widens nothing
            }
            width = Math.max(width, column + 1);
            if (column >= MAX_CELLS) {
                return;
            }
            while (cells.size() <= column) {
                cells.add("");
            }
            cells.set(column, Sheet.capped(value));
        }

        @Override
        public void endRow(int rowNum) {
            if (width == 0) {
                return;
            }
            try {
                deliver();
            } catch (RuntimeException e) {
                throw new Handled(e);
            }
        }

        private void deliver() {
            if (headerWidth < 0) {
                headerWidth = cells.size();
                rows.header(row, List.copyOf(cells));
                return;
            }
            // A spreadsheet leaves trailing empty cells out; they are empty cells, not missing ones.
            var values = cells.toArray(new String[0]);
            if (values.length < headerWidth) {
                int from = values.length;
                values = Arrays.copyOf(values, headerWidth);
                Arrays.fill(values, from, headerWidth, "");
            }
            rows.row(row, values, Math.max(width, headerWidth));
        }
    }

    /** Date cells as 2024-01-31 or 2024-01-31T08:30:00 (Vietnam time), whatever format the sheet shows them in. */
    private static final class IsoDates extends DataFormatter {
        @Override
        public String formatRawCellContents(double value, int formatIndex, String formatString, boolean use1904) {
            if (DateUtil.isADateFormat(formatIndex, formatString) && DateUtil.isValidExcelDate(value)) {
                var time = DateUtil.getLocalDateTime(value, use1904, true);
                return time.toLocalTime().toSecondOfDay() == 0 ? time.toLocalDate().toString()
                        : time.format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
            }
            return super.formatRawCellContents(value, formatIndex, formatString, use1904);
        }
    }
}
