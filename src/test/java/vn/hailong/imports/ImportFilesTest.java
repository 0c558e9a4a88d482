package vn.hailong.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.hailong.imports.VectorsProvince.CSV;

import java.io.ByteArrayOutputStream;
import java.io.FileReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

import org.apache.commons.csv.CSVFormat;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import vn.hailong.ApiClient;
import vn.hailong.TestApp;
import vn.hailong.analytics.ReferenceIndices;

/** Imports that each need a database of their own: XLSX, population totals, two imports at once, new units. */
class ImportFilesTest {

    @Test
    void an_xlsx_workbook_of_the_vectors_imports_like_the_csv_and_imported_population_totals_weight_it() throws Exception {
        try (var app = TestApp.start(); var dsl = app.dsl()) {
            var admin = ApiClient.signIn(app, "admin", "test-admin-password");
            VectorsProvince.create(admin);
            var answer = admin.send("POST", "/api/v1/imports", workbookOfTheVectors(), ImportsApi.XLSX);
            assertThat(answer.status()).as(answer.body().toString()).isEqualTo(201);
            assertThat(answer.body().get("imported").asLong()).isEqualTo(319);
            assertThat(ReferenceIndices.assertReproduced(admin)).isEqualTo(8);
            assertThat(TestApp.one(dsl, "select (submitted_at at time zone 'Asia/Ho_Chi_Minh')::date::text from response"
                    + " where external_id = 'R000001'", String.class)).isEqualTo("2024-01-02");

            var population = new StringBuilder("unit_code,year,stratum,total\n");
            try (var reader = new FileReader(ReferenceIndices.VECTORS.resolve("population.csv").toFile(), StandardCharsets.UTF_8)) {
                for (var p : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
                    population.append("P,").append(p.get("year")).append(',').append(p.get("stratum")).append(',')
                            .append(p.get("population")).append('\n');
                }
            }
            var bad = admin.send("POST", "/api/v1/population/import", population + "NOPE,2024,HT,10\nP,20x4,HT,10\n"
                    + "P,2024,HT,-3\nP,2024,,5\n", CSV);
            assertThat(bad.status()).isEqualTo(422);
            assertThat(bad.body().get("problems").findValuesAsText("column"))
                    .containsExactly("unit_code", "year", "total", "stratum");
            assertThat(bad.body().get("problems").findValuesAsText("row").stream().map(Integer::valueOf).toList())
                    .containsExactly(10, 11, 12, 13);
            assertThat(TestApp.one(dsl, "select count(*) from population_total", Long.class)).isZero();
            var columns = admin.send("POST", "/api/v1/population/import", "unit,year,stratum,total\nP,2024,HT,5\n", CSV);
            assertThat(columns.body().get("problems").findValuesAsText("column")).containsExactly("unit", "unit_code");
            assertThat(admin.send("POST", "/api/v1/population/import", "", CSV).status()).isEqualTo(422);
            var stored = admin.send("POST", "/api/v1/population/import", population.toString(), CSV);
            assertThat(stored.status()).isEqualTo(200);
            assertThat(stored.body().get("stored").asLong()).isEqualTo(8);
            var weighted = admin.get("/api/v1/indices?groupBy=year&weighting=poststratified").body().get("groups");
            assertThat(weighted.get(0).get("index").get("value").asDouble()).isCloseTo(expectedPostStratified(2024),
                    org.assertj.core.api.Assertions.within(1e-6));
        }
    }

    @Test
    void two_imports_of_one_file_at_once_store_each_response_once() throws Exception {
        try (var app = TestApp.start(); var dsl = app.dsl()) {
            var admin = ApiClient.signIn(app, "admin", "test-admin-password");
            VectorsProvince.create(admin);
            var file = new StringBuilder(ImportsApiTest.HEADER);
            for (int i = 0; i < 3_000; i++) {
                file.append("C").append(i).append(',').append(LocalDate.of(2025, 1, 1).plusDays(i % 300)).append(",AG0")
                        .append(1 + i % 3).append(",HT,web,,").append(ImportsApiTest.LEVELS).append('\n');
            }
            var body = file.toString().getBytes(StandardCharsets.UTF_8);
            var start = new CountDownLatch(1);
            var pool = Executors.newFixedThreadPool(2);
            var tasks = new ArrayList<Callable<ApiClient.Answer>>();
            for (int t = 0; t < 2; t++) {
                tasks.add(() -> {
                    start.await();
                    return admin.send("POST", "/api/v1/imports", body, CSV);
                });
            }
            var futures = tasks.stream().map(pool::submit).toList();
            start.countDown();
            var answers = new ArrayList<ApiClient.Answer>();
            for (var f : futures) {
                answers.add(f.get());
            }
            pool.shutdown();
            assertThat(answers.stream().map(ApiClient.Answer::status).sorted().toList()).containsExactly(200, 201);
            assertThat(answers.stream().mapToLong(a -> a.body().get("imported").asLong()).sum()).isEqualTo(3_000);
            assertThat(answers.stream().mapToLong(a -> a.body().get("skipped").asLong()).sum()).isEqualTo(3_000);
            assertThat(TestApp.one(dsl, "select count(*) from response", Long.class)).isEqualTo(3_000);
            assertThat(TestApp.one(dsl, "select count(distinct external_id) from response", Long.class)).isEqualTo(3_000);
            assertThat(TestApp.one(dsl, TestApp.ROLLED_UP, Long.class)).isEqualTo(3_000);
        }
    }

    @Test
    void unknown_agencies_are_created_under_the_root_when_asked() {
        try (var app = TestApp.start(); var dsl = app.dsl()) {
            var admin = ApiClient.signIn(app, "admin", "test-admin-password");
            VectorsProvince.create(admin);
            var file = ImportsApiTest.HEADER
                    + "N1,2025-03-01,X001,HT,web,Nhanh gọn," + ImportsApiTest.LEVELS + "\n"
                    + "N2,2025-03-01 10:15,X002,HT,web,," + ImportsApiTest.LEVELS + "\n"
                    + "N3,2025-03-01T23:30:00+07:00,X001,HT,web,," + ImportsApiTest.LEVELS + "\n";
            var answer = admin.send("POST", "/api/v1/imports?createMissingUnits=true&unitKind=commune", file, CSV);
            assertThat(answer.status()).as(answer.body().toString()).isEqualTo(201);
            assertThat(answer.body().get("unitsCreated").asInt()).isEqualTo(2);
            assertThat(TestApp.column(dsl, "select u.kind || ' under ' || p.code from unit u join unit p on p.id = u.parent_id"
                    + " where u.code like 'X%' order by u.code", String.class))
                    .containsExactly("commune under P", "commune under P");
            assertThat(TestApp.column(dsl, "select (submitted_at at time zone 'Asia/Ho_Chi_Minh')::text from response"
                    + " order by external_id", String.class))
                    .containsExactly("2025-03-01 00:00:00", "2025-03-01 10:15:00", "2025-03-01 23:30:00");
            assertThat(admin.get("/api/v1/comments").body().toString()).contains("Nhanh gọn");
        }
    }

    @Test
    void the_import_command_imports_a_file_and_exits_2_listing_the_problems_of_a_bad_one() throws Exception {
        try (var app = TestApp.start(); var dsl = app.dsl()) {
            var admin = ApiClient.signIn(app, "admin", "test-admin-password");
            VectorsProvince.create(admin);
            var bad = java.nio.file.Files.createTempFile("hailong-bad", ".csv");
            java.nio.file.Files.writeString(bad, ImportsApiTest.HEADER + "B1,2025-13-01,AG01,HT,web,,"
                    + ImportsApiTest.LEVELS + "\n");
            var out = new ByteArrayOutputStream();
            var err = new ByteArrayOutputStream();
            assertThat(run(List.of(bad.toString(), "--database-url", app.databaseUrl), out, err)).isEqualTo(2);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("row 2, column submitted_at: '2025-13-01' is not a date",
                    "1 problem; nothing was imported");
            assertThat(run(List.of(VectorsProvince.RESPONSES.toString(), "--dry-run", "--database-url", app.databaseUrl),
                    out, err)).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("would import 319 new responses of 319 rows");
            assertThat(TestApp.one(dsl, "select count(*) from response", Long.class)).isZero();
            // As an operator runs it: java -jar hailong.jar import FILE, in a process of its own.
            try (var process = vn.hailong.ServerProcess.launch(java.util.Map.of("DATABASE_URL", app.databaseUrl),
                    "import", VectorsProvince.RESPONSES.toString(), "--questionnaire", "SIPAS")) {
                assertThat(process.awaitExit(java.time.Duration.ofSeconds(120))).as(process.output()).isZero();
                assertThat(process.output()).contains("Imported 319 new responses of 319 rows");
            }
            assertThat(ReferenceIndices.assertReproduced(admin)).isEqualTo(8);
            assertThat(run(List.of("missing.csv", "--database-url", app.databaseUrl), out, err)).isEqualTo(2);
            assertThat(run(List.of(bad.toString(), "--version", "x", "--database-url", app.databaseUrl), out, err))
                    .isEqualTo(2);
            java.nio.file.Files.delete(bad);
        }
    }

    private static int run(List<String> args, ByteArrayOutputStream out, ByteArrayOutputStream err) {
        out.reset();
        err.reset();
        return ImportCommand.run(args, new java.io.PrintStream(out, true, StandardCharsets.UTF_8),
                new java.io.PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static double expectedPostStratified(int year) throws IOException {
        try (var reader = new FileReader(ReferenceIndices.VECTORS.resolve("expected_indices.csv").toFile(), StandardCharsets.UTF_8)) {
            for (var e : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
                if (e.get("weighting").equals("poststratified") && e.get("year").equals(Integer.toString(year))) {
                    return Double.parseDouble(e.get("index"));
                }
            }
        }
        throw new AssertionError("no post-stratified row for " + year);
    }

    /** The vectors as a person would keep them in Excel: dates as date cells (shown day first), levels as numbers. */
    static byte[] workbookOfTheVectors() throws IOException {
        try (var workbook = new XSSFWorkbook();
             var reader = new FileReader(VectorsProvince.RESPONSES.toFile(), StandardCharsets.UTF_8)) {
            var sheet = workbook.createSheet("Phiếu");
            var dates = workbook.createCellStyle();
            dates.setDataFormat(workbook.getCreationHelper().createDataFormat().getFormat("dd/mm/yyyy"));
            var parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader);
            var names = parser.getHeaderNames();
            var header = sheet.createRow(0);
            for (int c = 0; c < names.size(); c++) {
                header.createCell(c).setCellValue(names.get(c));
            }
            int r = 1;
            for (var record : parser) {
                var row = sheet.createRow(r++);
                for (int c = 0; c < names.size(); c++) {
                    var value = record.get(c);
                    if (value.isEmpty()) {
                        continue; // left blank: not applicable
                    }
                    if (names.get(c).equals("submitted_at")) {
                        var cell = row.createCell(c);
                        cell.setCellValue(LocalDate.parse(value));
                        cell.setCellStyle(dates);
                    } else if (value.matches("\\d")) {
                        row.createCell(c).setCellValue(Integer.parseInt(value));
                    } else {
                        row.createCell(c).setCellValue(value);
                    }
                }
            }
            var bytes = new ByteArrayOutputStream();
            workbook.write(bytes);
            return bytes.toByteArray();
        }
    }
}
