package vn.hailong.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.jooq.CloseableDSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import vn.hailong.Vietnam;
import vn.hailong.ApiClient;
import vn.hailong.TestApp;
import vn.hailong.analyze.ResponsesCsv;
import vn.hailong.rollup.RollupStore;
import vn.hailong.stats.Estimates;
import vn.hailong.stats.Instrument;
import vn.hailong.stats.SufficientStatistics;
import vn.hailong.stats.Vectors;
import vn.hailong.survey.Forms;

/**
 * Downloads as a planner opens them: the CSV read as a spreadsheet reads it (BOM, then RFC 4180), the XLSX
 * opened with POI; Vietnamese intact, numbers equal to the JSON's, the caller's scope kept.
 */
class ExportsApiTest {
    static final Path VECTORS = Vectors.DIR;
    static final String PRAISE = "Rất hài lòng với cán bộ";
    static final String FORMULA = "=HYPERLINK(\"http://example.invalid\",\"bấm\")";
    static final Map<String, String> NAMES = Map.of("AG01", "Sở Tư pháp", "AG02", "Ủy ban nhân dân phường Bến Thành",
            "AG03", "Sở Xây dựng");
    static TestApp app;
    static CloseableDSLContext dsl;
    static ApiClient admin;
    static ApiClient manager;
    static long responses;

    @BeforeAll
    static void loadTheVectors() throws Exception {
        app = TestApp.start();
        dsl = app.dsl();
        admin = ApiClient.signIn(app, "admin", "test-admin-password");
        var province = admin.post("/api/v1/units", Map.of("code", "P", "nameVi", "Tỉnh Lâm Đồng", "kind", "province"))
                .body().get("id").asLong();
        for (var code : new String[] {"AG01", "AG02", "AG03"}) {
            admin.post("/api/v1/units", Map.of("code", code, "nameVi", NAMES.get(code), "nameEn", "Agency " + code,
                    "kind", "department", "parentId", province));
        }
        var form = new Forms(dsl).latest("SIPAS").orElseThrow();
        var rows = new ResponsesCsv(Instrument.sipas()).read(VECTORS.resolve("responses.csv"));
        for (var row : rows) {
            var answers = new Short[form.size()];
            row.answers().forEach((code, level) -> answers[form.questions().get(code).position() - 1] = level.shortValue());
            dsl.execute("insert into response (agency_id, submitted_at, questionnaire_version_id, channel, stratum,"
                    + " external_id, answers) select id, {0}, {1}, {2}, {3}, {4}, {5} from unit where code = {6}",
                    row.submittedAt().atTime(LocalTime.NOON).atZone(Vietnam.ZONE).toOffsetDateTime(),
                    form.versionId(), row.channel(), row.stratum(), row.responseId(), answers, row.agencyCode());
        }
        responses = rows.size();
        dsl.execute("update response set comment = {0} where external_id = 'R000001'", PRAISE);
        dsl.execute("update response set comment = {0} where external_id = 'R000002'", FORMULA);
        dsl.transaction(trx -> RollupStore.rebuild(trx.dsl(), new Forms(trx.dsl()), LocalDate.of(2024, 1, 1),
                LocalDate.of(2026, 1, 1), read -> { }));
        admin.post("/api/v1/users", Map.of("username", "ag02", "password", "manager-password", "role", "agency_manager",
                "unitId", TestApp.one(dsl, "select id from unit where code = 'AG02'", Long.class)));
        manager = ApiClient.signIn(app, "ag02", "manager-password");
    }

    @AfterAll
    static void stop() {
        dsl.close();
        app.close();
    }

    @Test
    void responses_csv_starts_with_a_bom_and_reads_back_with_vietnamese_intact_and_the_same_indices() throws Exception {
        var download = admin.download("/api/v1/responses/export?format=csv");
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        assertThat(download.headers().firstValue("Content-Disposition").orElseThrow())
                .isEqualTo("attachment; filename=\"responses_SIPAS.csv\"");
        var bytes = download.body();
        assertThat(new byte[] {bytes[0], bytes[1], bytes[2]}).containsExactly(0xEF, 0xBB, 0xBF);

        var records = csv(bytes);
        var header = records.header();
        assertThat(header.subList(0, 8)).containsExactly("response_id", "submitted_at", "agency_code", "service_code",
                "centre_code", "stratum", "channel", "version");
        assertThat(header).containsSubsequence(Instrument.sipas().criteria()).endsWith("quality_flags", "comment");
        assertThat(records.rows()).hasSize((int) responses);
        var praised = records.rows().stream().filter(r -> r.get("comment").equals(PRAISE)).toList();
        assertThat(praised).hasSize(1);
        assertThat(praised.get(0).get("agency_code")).isEqualTo(TestApp.one(dsl,
                "select u.code from response r join unit u on u.id = r.agency_id where r.external_id = 'R000001'", String.class));
        assertThat(records.rows()).anySatisfy(r -> assertThat(r.get("comment")).isEqualTo("'" + FORMULA));
        assertThat(records.rows().get(0).get("submitted_at")).matches("\\d{4}-\\d{2}-\\d{2} 12:00:00");

        // The file is what the analyze command reads: its indices are the API's.
        var rows = new ResponsesCsv(Instrument.sipas()).read(new StringReader(new String(bytes, StandardCharsets.UTF_8)));
        var byKey = new HashMap<String, SufficientStatistics.Builder>();
        rows.forEach(r -> byKey.computeIfAbsent(r.agencyCode() + "|" + r.year(),
                k -> SufficientStatistics.builder(Instrument.sipas())).add(r.toResponse(Instrument.sipas())));
        var groups = admin.get("/api/v1/indices?groupBy=unit,year").body().get("groups");
        assertThat(groups.size()).isEqualTo(byKey.size()).isEqualTo(6);
        for (var g : groups) {
            var key = g.get("group").get("unit").get("code").asText() + "|" + g.get("group").get("year").asInt();
            var expected = Estimates.of(byKey.get(key).build()).index().overall().orElseThrow().value();
            assertThat(g.get("index").get("value").asDouble()).as(key).isCloseTo(expected, within(1e-9));
        }
    }

    @Test
    void responses_xlsx_opens_with_poi_with_numeric_answers_date_cells_and_vietnamese() throws Exception {
        var download = admin.download("/api/v1/responses/export?format=xlsx&from=2025-01-01&to=2025-12-31");
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Type").orElseThrow())
                .isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        assertThat(download.headers().firstValue("Content-Disposition").orElseThrow())
                .isEqualTo("attachment; filename=\"responses_SIPAS_2025-01-01_2025-12-31.xlsx\"");
        try (var workbook = new XSSFWorkbook(new ByteArrayInputStream(download.body()))) {
            var sheet = workbook.getSheetAt(0);
            var header = texts(sheet.getRow(0));
            long in2025 = TestApp.one(dsl, "select count(*) from response where submitted_at >= '2025-01-01'", Long.class);
            assertThat(sheet.getLastRowNum()).isEqualTo((int) in2025);
            int tc1 = header.indexOf("TC1");
            int when = header.indexOf("submitted_at");
            int comment = header.indexOf("comment");
            for (int i = 1; i <= sheet.getLastRowNum(); i++) {
                var row = sheet.getRow(i);
                assertThat(row.getCell(header.indexOf("response_id")).getCellType()).isEqualTo(CellType.NUMERIC);
                assertThat(DateUtil.isCellDateFormatted(row.getCell(when))).isTrue();
                assertThat(row.getCell(when).getLocalDateTimeCellValue().getYear()).isEqualTo(2025);
                var answer = row.getCell(tc1);
                if (answer != null) {
                    assertThat(answer.getCellType()).isEqualTo(CellType.NUMERIC);
                    assertThat(answer.getNumericCellValue()).isBetween(1.0, 5.0);
                }
                if (row.getCell(comment) != null) {
                    assertThat(row.getCell(comment).getCellType()).isEqualTo(CellType.STRING);
                }
            }
        }
        // The praise was given in 2024: the whole file has it, written as it was.
        try (var workbook = new XSSFWorkbook(new ByteArrayInputStream(admin.download("/api/v1/responses/export?format=xlsx").body()))) {
            var sheet = workbook.getSheetAt(0);
            int comment = texts(sheet.getRow(0)).indexOf("comment");
            var comments = new ArrayList<String>();
            sheet.forEach(row -> {
                if (row.getRowNum() > 0 && row.getCell(comment) != null) {
                    comments.add(row.getCell(comment).getStringCellValue());
                }
            });
            assertThat(comments).containsExactlyInAnyOrder(PRAISE, FORMULA);
        }
    }

    @Test
    void indices_as_xlsx_and_csv_hold_the_json_figures_as_numbers_and_unit_names_with_diacritics() throws Exception {
        var query = "/api/v1/indices?groupBy=unit,year";
        var json = admin.get(query).body().get("groups");
        try (var workbook = new XSSFWorkbook(new ByteArrayInputStream(admin.download(query + "&format=xlsx").body()))) {
            var sheet = workbook.getSheetAt(0);
            var header = texts(sheet.getRow(0));
            assertThat(header.subList(0, 11)).containsExactly("unit_code", "unit_name_vi", "unit_name_en", "year", "n",
                    "suppressed", "index", "index_se", "index_low", "index_high", "band");
            assertThat(header).contains("TC", "TC_se", "TC_low", "TC_high", "PA_high");
            assertThat(sheet.getLastRowNum()).isEqualTo(json.size());
            for (int i = 0; i < json.size(); i++) {
                var g = json.get(i);
                var row = sheet.getRow(i + 1);
                var code = g.get("group").get("unit").get("code").asText();
                assertThat(row.getCell(0).getStringCellValue()).isEqualTo(code);
                assertThat(row.getCell(1).getStringCellValue()).isEqualTo(NAMES.get(code));
                assertThat(row.getCell(header.indexOf("year")).getNumericCellValue()).isEqualTo(g.get("group").get("year").asDouble());
                assertThat(row.getCell(header.indexOf("suppressed")).getBooleanCellValue()).isFalse();
                for (var column : List.of("n", "index", "index_se", "index_low", "index_high", "TC", "KQ_low")) {
                    var cell = row.getCell(header.indexOf(column));
                    assertThat(cell.getCellType()).as(column).isEqualTo(CellType.NUMERIC);
                    assertThat(cell.getNumericCellValue()).as(code + " " + column).isEqualTo(jsonValue(g, column));
                }
            }
        }
        var csv = csv(admin.download(query + "&format=csv").body());
        assertThat(csv.rows()).hasSize(json.size());
        for (int i = 0; i < json.size(); i++) {
            var row = csv.rows().get(i);
            assertThat(row.get("unit_name_vi")).isEqualTo(NAMES.get(row.get("unit_code")));
            for (var column : List.of("n", "index", "index_se", "index_low", "index_high", "TC", "KQ_low")) {
                assertThat(Double.parseDouble(row.get(column))).as(column).isEqualTo(jsonValue(json.get(i), column));
            }
        }
    }

    @Test
    void every_analytics_table_downloads_as_csv_and_xlsx_with_the_rows_of_its_json() throws Exception {
        admin.put("/api/v1/population", List.of(Map.of("unit", "AG01", "year", 2025, "stratum", "HT", "total", 1200)));
        Map<String, java.util.function.Function<JsonNode, Integer>> tables = new java.util.LinkedHashMap<>();
        tables.put("/api/v1/indices?groupBy=unit", j -> j.get("groups").size());
        tables.put("/api/v1/indices?groupBy=year&table=criteria", j -> sum(j.get("groups"), "criteria"));
        tables.put("/api/v1/compare?period=2025&baseline=2024&groupBy=unit", j -> j.get("groups").size());
        tables.put("/api/v1/compare?period=2025&baseline=2024&groupBy=unit&table=criteria", j -> sum(j.get("groups"), "criteria"));
        tables.put("/api/v1/rankings?by=unit&from=2025-01-01&to=2025-12-31", j -> j.get("ranked").size() + j.get("suppressed").size());
        tables.put("/api/v1/trend?interval=quarter", j -> j.get("points").size());
        tables.put("/api/v1/distribution?groupBy=year", j -> sum(j.get("groups"), "criteria"));
        tables.put("/api/v1/drivers?from=2025-01-01&to=2025-12-31", JsonNode::size);
        tables.put("/api/v1/reliability", JsonNode::size);
        tables.put("/api/v1/comments", j -> j.get("comments").size());
        tables.put("/api/v1/population", JsonNode::size);
        for (var entry : tables.entrySet()) {
            var query = entry.getKey();
            int expected = entry.getValue().apply(admin.get(query).body());
            assertThat(expected).as(query).isPositive();
            var separator = query.contains("?") ? "&" : "?";
            var csv = admin.download(query + separator + "format=csv");
            assertThat(csv.statusCode()).as(query).isEqualTo(200);
            assertThat(csv.headers().firstValue("Content-Disposition").orElseThrow()).as(query).startsWith("attachment; filename=");
            var parsed = csv(csv.body());
            assertThat(parsed.rows()).as(query).hasSize(expected);
            var xlsx = admin.download(query + separator + "format=XLSX");
            assertThat(xlsx.statusCode()).as(query).isEqualTo(200);
            try (var workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
                var sheet = workbook.getSheetAt(0);
                assertThat(texts(sheet.getRow(0))).as(query).isEqualTo(parsed.header());
                assertThat(sheet.getLastRowNum()).as(query).isEqualTo(expected);
            }
        }
        var rankings = csv(admin.download("/api/v1/rankings?by=unit&from=2025-01-01&to=2025-12-31&format=csv").body());
        assertThat(rankings.header()).startsWith("rank", "tied", "unit_code", "unit_name_vi");
        assertThat(rankings.rows().get(0).get("unit_name_vi")).isEqualTo(NAMES.get("AG02"));
        var drivers = csv(admin.download("/api/v1/drivers?format=csv").body());
        assertThat(drivers.header()).containsExactly("criterion", "n", "r", "performance", "quadrant", "r_low", "r_high",
                "performance_low", "performance_high", "quadrant_determined");
        assertThat(rankings.header()).endsWith("rank_best", "rank_worst");
        assertThat(rankings.rows().get(0).get("rank_best")).isEqualTo(rankings.rows().get(0).get("rank"));
        var comments = csv(admin.download("/api/v1/comments?format=csv&q=h%C3%A0i%20l%C3%B2ng").body());
        assertThat(comments.rows()).singleElement().satisfies(r -> assertThat(r.get("comment")).isEqualTo(PRAISE));
    }

    @Test
    void an_agency_manager_downloads_only_its_own_units_and_another_units_filter_is_refused_like_the_json() throws Exception {
        var mine = csv(manager.download("/api/v1/responses/export?format=csv").body());
        long own = TestApp.one(dsl, "select count(*) from response r join unit u on u.id = r.agency_id where u.code = 'AG02'",
                Long.class);
        assertThat(mine.rows()).hasSize((int) own).allSatisfy(r -> assertThat(r.get("agency_code")).isEqualTo("AG02"));
        var indices = csv(manager.download("/api/v1/indices?groupBy=unit&format=csv").body());
        assertThat(indices.rows()).singleElement().satisfies(r -> assertThat(r.get("unit_code")).isEqualTo("AG02"));
        var comments = csv(manager.download("/api/v1/comments?format=csv").body());
        assertThat(comments.rows()).allSatisfy(r -> assertThat(r.get("agency_code")).isEqualTo("AG02"));

        int json = manager.get("/api/v1/indices?unit=AG01").status();
        assertThat(json).isEqualTo(404);
        for (var path : List.of("/api/v1/indices?unit=AG01&format=csv", "/api/v1/responses/export?format=xlsx&unit=AG01",
                "/api/v1/comments?unit=AG01&format=csv")) {
            var refused = manager.get(path);
            assertThat(refused.status()).as(path).isEqualTo(json);
            assertThat(refused.raw().headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        }
        assertThat(ApiClient.anonymous(app).get("/api/v1/responses/export?format=csv").status()).isEqualTo(401);
    }

    @Test
    void a_bad_format_or_parameter_gets_a_4xx_naming_it_never_a_half_written_file() {
        for (var path : List.of("/api/v1/indices?format=pdf", "/api/v1/comments?format=", "/api/v1/responses/export",
                "/api/v1/responses/export?format=docx", "/api/v1/population?format=ods")) {
            var answer = admin.get(path);
            if (path.endsWith("format=")) {
                assertThat(answer.status()).as(path).isEqualTo(200); // an empty format is the JSON
                continue;
            }
            assertThat(answer.status()).as(path).isEqualTo(400);
            assertThat(answer.body().get("field").asText()).as(path).isEqualTo("format");
        }
        var fields = Map.of(
                "/api/v1/responses/export?format=csv&questionnaire=NOPE", "questionnaire",
                "/api/v1/responses/export?format=csv&version=99", "version",
                "/api/v1/responses/export?format=csv&version=first", "version",
                "/api/v1/responses/export?format=csv&from=soon", "from",
                "/api/v1/indices?format=csv&table=rows", "table",
                "/api/v1/trend?format=xlsx&interval=week", "interval");
        fields.forEach((path, field) -> {
            var answer = admin.get(path);
            assertThat(answer.status()).as(path).isBetween(400, 499);
            assertThat(answer.body().get("field").asText()).as(path).isEqualTo(field);
            assertThat(answer.raw().headers().firstValue("Content-Disposition")).as(path).isEmpty();
        });
    }

    record Csv(List<String> header, List<CSVRecord> rows) {
    }

    /** As a spreadsheet reads it: a UTF-8 BOM says the encoding, then RFC 4180 with a header row. */
    static Csv csv(byte[] bytes) throws IOException {
        var text = new String(bytes, StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFF");
        try (var parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(text.substring(1)))) {
            return new Csv(parser.getHeaderNames(), parser.getRecords());
        }
    }

    static List<String> texts(Row row) {
        var out = new ArrayList<String>();
        row.forEach(c -> out.add(c.getStringCellValue()));
        return out;
    }

    static int sum(JsonNode groups, String field) {
        int n = 0;
        for (var g : groups) {
            n += g.has(field) ? g.get(field).size() : 1;
        }
        return n;
    }

    /** The JSON's figure behind a column: index_low → index.low, TC → elements.TC.value, KQ_low → elements.KQ.low. */
    static double jsonValue(JsonNode group, String column) {
        if (column.equals("n")) {
            return group.get("n").asDouble();
        }
        var parts = column.split("_");
        var estimate = parts[0].equals("index") ? group.get("index") : group.get("elements").get(parts[0]);
        return estimate.get(parts.length == 1 ? "value" : parts[1]).asDouble();
    }
}
