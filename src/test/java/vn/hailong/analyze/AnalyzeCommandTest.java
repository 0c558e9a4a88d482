package vn.hailong.analyze;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.hailong.stats.Tolerance.assertClose;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.hailong.stats.Vectors;

/** {@code analyze} writes R's reference files, row by row, and refuses bad input with status 2. */
class AnalyzeCommandTest {

    @TempDir
    Path out;

    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    private int analyze(String... args) {
        return AnalyzeCommand.run(List.of(args), new PrintStream(stdout, true, StandardCharsets.UTF_8),
                new PrintStream(stderr, true, StandardCharsets.UTF_8));
    }

    private String errors() {
        return stderr.toString(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"criteria.csv", "indices.csv", "yoy.csv", "alpha.csv", "drivers.csv"})
    void output_matches_the_reference_file_row_by_row(String file) throws IOException {
        int status = analyze("--responses", Vectors.DIR.resolve("responses.csv").toString(),
                "--population", Vectors.DIR.resolve("population.csv").toString(),
                "--by", "agency_code,year", "--out", out.toString());

        assertThat(status).as(errors()).isZero();
        Path expectedFile = Vectors.DIR.resolve("expected_" + file);
        List<CSVRecord> expected = Vectors.read(expectedFile);
        List<CSVRecord> actual = Vectors.read(out.resolve(file));
        assertThat(Files.readAllLines(out.resolve(file)).get(0)).isEqualTo(Files.readAllLines(expectedFile).get(0));
        assertThat(actual).hasSameSizeAs(expected);
        for (int r = 0; r < expected.size(); r++) {
            assertThat(actual.get(r).size()).isEqualTo(expected.get(r).size());
            for (int c = 0; c < expected.get(r).size(); c++) {
                String want = expected.get(r).get(c);
                String got = actual.get(r).get(c);
                if (isNumber(want)) {
                    assertClose(file + " row " + (r + 1) + " column " + (c + 1), Double.parseDouble(got), want);
                } else {
                    assertThat(got).as("%s row %d column %d", file, r + 1, c + 1).isEqualTo(want);
                }
            }
        }
        assertThat(quoting(out.resolve(file))).isEqualTo(quoting(expectedFile));
    }

    @Test
    void without_population_only_unweighted_rows_are_written() throws IOException {
        int status = analyze("--responses", Vectors.DIR.resolve("responses.csv").toString(), "--out", out.toString());

        assertThat(status).isZero();
        assertThat(Files.readString(out.resolve("indices.csv"))).doesNotContain("poststratified").contains("\"ALL\"");
    }

    @Test
    void groups_below_min_n_show_n_but_no_index_and_no_year_on_year() throws IOException {
        int status = analyze("--responses", Vectors.DIR.resolve("responses.csv").toString(), "--min-n", "100",
                "--out", out.toString());

        assertThat(status).isZero();
        List<String> indices = Files.readAllLines(out.resolve("indices.csv"));
        assertThat(indices).contains("2024,\"AG01\",\"none\",54,NA,NA,NA,NA,NA,NA,NA,NA,NA");
        assertThat(indices).anyMatch(line -> line.startsWith("2024,\"ALL\",\"none\",161,63.23"));
        assertThat(Files.readAllLines(out.resolve("yoy.csv"))).hasSize(2)
                .last().asString().startsWith("\"ALL\",\"none\",2024,2025,2.758");
    }

    @Test
    void a_byte_order_mark_is_ignored() throws IOException {
        Path bom = out.resolve("bom.csv");
        Files.writeString(bom, "\uFEFF" + Files.readString(Vectors.DIR.resolve("responses.csv")));

        assertThat(analyze("--responses", bom.toString(), "--out", out.resolve("r").toString())).isZero();
    }

    @Test
    void a_level_outside_the_scale_names_its_row_and_column() throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(Vectors.DIR.resolve("responses.csv")));
        // Row 3: the CC2 answer (column 14) becomes 7.
        String[] fields = lines.get(3).split(",", -1);
        fields[13] = "7";
        lines.set(3, String.join(",", fields));
        Path bad = out.resolve("bad.csv");
        Files.write(bad, lines);

        assertThat(analyze("--responses", bad.toString(), "--out", out.resolve("r").toString())).isEqualTo(2);
        assertThat(errors()).contains("row 3").contains("CC2").contains("'7'");
    }

    @Test
    void a_bad_date_or_a_short_row_is_refused() throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(Vectors.DIR.resolve("responses.csv")));
        lines.set(2, lines.get(2).replace("2024-01-09", "09/01/2024"));
        lines.set(5, "\"R9\",\"2024-01-01\"");
        Path bad = out.resolve("bad.csv");
        Files.write(bad, lines);

        assertThat(analyze("--responses", bad.toString(), "--out", out.resolve("r").toString())).isEqualTo(2);
        assertThat(errors()).contains("row 2").contains("submitted_at");
    }

    @Test
    void usage_errors_exit_with_status_2() {
        assertThat(analyze("--out", out.toString())).isEqualTo(2);
        assertThat(analyze("--responses", "x.csv", "--out", out.toString(), "--colour", "red")).isEqualTo(2);
        assertThat(analyze("--responses", "x.csv", "--by", "agency_code", "--out", out.toString())).isEqualTo(2);
        assertThat(analyze("--responses", "does-not-exist.csv", "--out", out.toString())).isEqualTo(2);
        assertThat(errors()).contains("usage");
    }

    @Test
    void a_stratum_missing_from_the_population_is_reported() throws IOException {
        Path population = out.resolve("population.csv");
        Files.writeString(population, "\"year\",\"stratum\",\"population\"\n2024,\"HT\",3369\n2025,\"HT\",3541\n");

        int status = analyze("--responses", Vectors.DIR.resolve("responses.csv").toString(),
                "--population", population.toString(), "--out", out.resolve("r").toString());

        assertThat(status).isEqualTo(2);
        assertThat(errors()).contains("stratum");
    }

    @Test
    void a_group_whose_name_a_spreadsheet_would_run_as_a_formula_is_written_defused() throws IOException {
        var file = new StringBuilder("submitted_at,agency_code,channel,TC1,TC2,TC3,TT1,TT2,TT3,TT4,CC1,CC2,CC3,KQ1,KQ2,KQ3,HL\n");
        for (var agency : List.of("=1+1", "\"AG;@SUM(A1)\"")) {
            for (int i = 0; i < 40; i++) {
                file.append("2025-03-0").append(1 + i % 9).append(',').append(agency).append(",web");
                for (int q = 0; q < 14; q++) {
                    file.append(',').append(1 + (i + q) % 5);
                }
                file.append('\n');
            }
        }
        Path responses = out.resolve("responses.csv");
        Files.writeString(responses, file);
        assertThat(analyze("--responses", responses.toString(), "--out", out.resolve("results").toString()))
                .as(errors()).isZero();

        var indices = Files.readString(out.resolve("results").resolve("indices.csv"));
        assertThat(indices).contains("2025,\"'=1+1\",\"none\",40,", "2025,\"AG;'@SUM(A1)\",\"none\",40,");
        assertThat(Files.readString(out.resolve("results").resolve("criteria.csv"))).contains("\"'=1+1\"")
                .doesNotContain("\"=1+1\"");
        // Split on semicolons, as a spreadsheet in a Vietnamese locale does: no cell starts a formula.
        try (var parser = org.apache.commons.csv.CSVFormat.RFC4180.builder().setDelimiter(';').setTrailingData(true)
                .get().parse(new java.io.StringReader(indices))) {
            var cells = new ArrayList<String>();
            parser.forEach(r -> r.forEach(cells::add));
            assertThat(cells).anySatisfy(c -> assertThat(c).startsWith("'@SUM"))
                    .allSatisfy(c -> assertThat(c.isEmpty() || "=+-@".indexOf(c.charAt(0)) < 0).as(c).isTrue());
        }
    }

    private static boolean isNumber(String text) {
        try {
            Double.parseDouble(text);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Per line, which fields are quoted: R quotes strings and leaves numbers bare (no field holds a comma). */
    private static List<String> quoting(Path file) throws IOException {
        return Files.readAllLines(file).stream()
                .map(line -> line.replaceAll("\"[^\"]*\"", "Q").replaceAll("[^,Q]+", "N"))
                .toList();
    }
}
