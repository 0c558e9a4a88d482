package vn.hailong.export;

import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.util.WorkbookUtil;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * An XLSX workbook of one sheet, streamed: SXSSF keeps 100 rows in memory and the rest in a compressed
 * temporary file, so a sheet of a million responses costs no more heap than one of ten. Numbers are
 * numeric cells, dates are date cells, the first row is the frozen header.
 */
final class XlsxSheet implements SheetFile {
    private final OutputStream out;
    private final SXSSFWorkbook workbook = new SXSSFWorkbook(100);
    private final SXSSFSheet sheet;
    private final CellStyle header;
    private final CellStyle date;
    private final CellStyle dateTime;
    private int next;

    XlsxSheet(OutputStream out, String title) {
        this.out = out;
        workbook.setCompressTempFiles(true);
        sheet = workbook.createSheet(WorkbookUtil.createSafeSheetName(title));
        sheet.createFreezePane(0, 1);
        sheet.setDefaultColumnWidth(14);
        var bold = workbook.createFont();
        bold.setBold(true);
        header = workbook.createCellStyle();
        header.setFont(bold);
        var formats = workbook.getCreationHelper().createDataFormat();
        date = workbook.createCellStyle();
        date.setDataFormat(formats.getFormat("yyyy-mm-dd"));
        dateTime = workbook.createCellStyle();
        dateTime.setDataFormat(formats.getFormat("yyyy-mm-dd hh:mm:ss"));
    }

    @Override
    public void row(List<?> cells) {
        var row = sheet.createRow(next);
        for (int i = 0; i < cells.size(); i++) {
            var value = cells.get(i);
            if (value == null) {
                continue;
            }
            var cell = row.createCell(i);
            if (next == 0) {
                cell.setCellStyle(header);
            }
            if (value instanceof Number n) {
                double d = n.doubleValue();
                if (Double.isFinite(d)) {
                    cell.setCellValue(d);
                }
            } else if (value instanceof Boolean b) {
                cell.setCellValue(b);
            } else if (value instanceof LocalDateTime t) {
                cell.setCellValue(t);
                cell.setCellStyle(dateTime);
            } else if (value instanceof LocalDate d) {
                cell.setCellValue(d);
                cell.setCellStyle(date);
            } else {
                cell.setCellValue(value.toString()); // a string cell: never read as a formula
            }
        }
        next++;
    }

    @Override
    public void finish() throws IOException {
        try {
            workbook.write(out);
            out.flush();
        } finally {
            discard();
        }
    }

    @Override
    public void discard() {
        try {
            workbook.close(); // also deletes the temporary files
        } catch (IOException e) {
            // nothing was being written; only releasing failed
        }
    }
}
