package vn.hailong.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A CSV download as spreadsheets in any locale split it: on commas (English) every value comes back, on
 * semicolons (Vietnamese, most of Europe) no cell starts a formula.
 */
class CsvSheetTest {
    static final List<String> HEADER = List.of("id", "comment", "score", "when", "flag");
    static final List<List<Object>> ROWS = List.of(
            row(1, "abc;=HYPERLINK(\"http://example.invalid\",\"bấm\")", 3.5, LocalDateTime.of(2025, 1, 2, 8, 30), true),
            row(2, "Rất hài lòng, cán bộ tận tình", -0.25, null, false),
            row(3, "tab\there\t=1+1", 100.0, null, null),
            row(4, "=1+1", new BigDecimal("1E+3"), null, null),
            row(5, "+84 912 345 678", Double.NaN, null, null),
            row(6, "-cmd|' /C calc'!A0", -3L, null, null),
            row(7, "@SUM(A1)", 0.1, null, null),
            row(8, null, null, null, null),
            row(9, "dòng một\r\n=1+1", 1e-7, null, null),
            row(10, "\"trích\";-1,+2", 12345678.9, null, null));
    static String written;

    @BeforeAll
    static void write() throws IOException {
        var out = new ByteArrayOutputStream();
        var sheet = new CsvSheet(out);
        sheet.row(HEADER);
        for (var row : ROWS) {
            sheet.row(row);
        }
        sheet.finish();
        written = out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void text_is_quoted_numbers_are_not_and_empty_cells_are_empty() {
        assertThat(written).startsWith(CsvSheet.BOM + "\"id\",\"comment\",\"score\",\"when\",\"flag\"\r\n");
        var lines = written.substring(1).split("\r\n");
        assertThat(lines[1]).isEqualTo("1,\"abc;'=HYPERLINK(\"\"http://example.invalid\"\",\"\"bấm\"\")\",3.5,"
                + "\"2025-01-02 08:30:00\",\"true\"");
        assertThat(lines[2]).isEqualTo("2,\"Rất hài lòng, cán bộ tận tình\",-0.25,,\"false\"");
        assertThat(lines[4]).isEqualTo("4,\"'=1+1\",1000,,");
        assertThat(lines[5]).as("NaN is no figure: an empty cell").isEqualTo("5,\"'+84 912 345 678\",,,");
        assertThat(lines[8]).isEqualTo("8,,,,");
    }

    @Test
    void split_on_commas_every_value_comes_back_numbers_as_numbers_and_text_as_it_was_apart_from_the_apostrophes()
            throws IOException {
        var records = parse(CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get());
        assertThat(records).hasSize(ROWS.size());
        for (int i = 0; i < ROWS.size(); i++) {
            var row = ROWS.get(i);
            var record = records.get(i);
            assertThat(record.size()).isEqualTo(HEADER.size());
            assertThat(Long.parseLong(record.get("id"))).isEqualTo(((Number) row.get(0)).longValue());
            var comment = (String) row.get(1);
            assertThat(record.get("comment").replace("'", "")).as("row %d", i + 1)
                    .isEqualTo(comment == null ? "" : comment.replace("'", ""));
            var score = (Number) row.get(2);
            if (score == null || Double.isNaN(score.doubleValue())) {
                assertThat(record.get("score")).isEmpty();
            } else {
                assertThat(Double.parseDouble(record.get("score"))).as("row %d", i + 1).isEqualTo(score.doubleValue());
                assertThat(record.get("score")).doesNotContain("E");
            }
        }
        assertThat(records.get(0).get("when")).isEqualTo("2025-01-02 08:30:00");
        assertThat(records.get(0).get("flag")).isEqualTo("true");
        assertThat(records.get(5).get("comment")).isEqualTo("'-cmd|' /C calc'!A0");
        assertThat(records.get(8).get("score")).isEqualTo("0.0000001");
    }

    @Test
    void split_on_semicolons_or_tabs_no_cell_starts_a_formula_but_a_negative_number() throws IOException {
        for (char separator : new char[] {';', '\t'}) {
            // As a spreadsheet in another locale reads it: a quote opens a quoted cell only at the cell's start.
            var records = parse(CSVFormat.RFC4180.builder().setDelimiter(separator).setTrailingData(true).setLenientEof(true)
                    .get());
            var cells = new ArrayList<String>();
            records.forEach(r -> r.forEach(cells::add));
            assertThat(cells).as("split on %s", separator == ';' ? "semicolons" : "tabs")
                    .anySatisfy(c -> assertThat(c).startsWith("'="))
                    .allSatisfy(c -> assertThat(c.isEmpty() || "=+-@".indexOf(c.charAt(0)) < 0 || c.matches("-\\d.*"))
                            .as(c).isTrue());
        }
    }

    private static List<CSVRecord> parse(CSVFormat format) throws IOException {
        assertThat(written).startsWith(CsvSheet.BOM);
        try (var parser = format.parse(new StringReader(written.substring(1)))) {
            return parser.getRecords();
        }
    }

    private static List<Object> row(Object... cells) {
        return Arrays.asList(cells);
    }
}
