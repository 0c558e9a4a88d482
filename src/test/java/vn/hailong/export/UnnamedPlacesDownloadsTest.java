package vn.hailong.export;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.hailong.export.ExportsApiTest.csv;
import static vn.hailong.export.ExportsApiTest.sum;
import static vn.hailong.export.ExportsApiTest.texts;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import vn.hailong.ApiClient;
import vn.hailong.TestApp;

/**
 * Downloads of units, services and centres that have no English name — every unit a response import creates —
 * and of groups that have no service or centre at all, or no figures (suppressed): the row is there, the
 * missing name an empty cell, never a 500.
 */
class UnnamedPlacesDownloadsTest {
    static final String CODES = "TC1,TC2,TC3,TT1,TT2,TT3,TT4,CC1,CC2,CC3,KQ1,KQ2,KQ3,PA1,PA2,PA3,HL";
    static final int CRITERIA = 17;
    static TestApp app;
    static ApiClient admin;

    /**
     * NEW1 and NEW2 come into being with the import, named by their code and without an English name: NEW1 with 40
     * web ratings in 2024 and in 2025, every other one about service S1 (itself without an English name); NEW2 with
     * 5 kiosk ratings in 2025 only, too few to publish and with nothing to compare against.
     */
    @BeforeAll
    static void importRatingsOfNewUnits() {
        app = TestApp.start();
        admin = ApiClient.signIn(app, "admin", "test-admin-password");
        assertThat(admin.post("/api/v1/service-fields", Map.of("code", "F1", "nameVi", "Hộ tịch")).status()).isEqualTo(201);
        assertThat(admin.post("/api/v1/services", Map.of("code", "S1", "nameVi", "Đăng ký khai sinh", "fieldCode", "F1"))
                .status()).isEqualTo(201);
        var file = new StringBuilder("response_id,submitted_at,agency_code,service_code,channel," + CODES + "\n");
        int id = 0;
        for (int year : new int[] {2024, 2025}) {
            for (int i = 0; i < 40; i++) {
                file.append("R").append(id++).append(',').append(year).append("-03-").append(String.format("%02d", 1 + i % 28))
                        .append(",NEW1,").append(i % 2 == 0 ? "S1" : "").append(",web");
                for (int q = 0; q < CRITERIA; q++) {
                    file.append(',').append(q >= 13 && q < 16 ? "" : String.valueOf(1 + (i * 7 + q * 3 + year) % 5));
                }
                file.append('\n');
            }
        }
        for (int i = 0; i < 5; i++) {
            file.append("K").append(i).append(",2025-04-0").append(1 + i).append(",NEW2,,kiosk,5,4,4,3,5,4,4,5,5,4,4,5,4,,,,4\n");
        }
        var imported = admin.send("POST", "/api/v1/imports?createMissingUnits=true", file.toString(), "text/csv");
        assertThat(imported.status()).as(imported.body().toString()).isEqualTo(201);
        assertThat(imported.body().get("unitsCreated").asInt()).isEqualTo(2);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "/api/v1/indices?groupBy=unit",
            "/api/v1/indices?groupBy=unit,year",
            "/api/v1/indices?groupBy=unit&table=criteria",
            "/api/v1/indices?groupBy=unit&weighting=poststratified",
            "/api/v1/compare?period=2025&baseline=2024&groupBy=unit",
            "/api/v1/compare?period=2025&baseline=2024&groupBy=unit&table=criteria",
            "/api/v1/rankings?by=unit&from=2025-01-01&to=2025-12-31",
            "/api/v1/rankings?by=unit",
            "/api/v1/distribution?groupBy=unit"})
    void a_download_grouped_by_unit_lists_units_without_an_english_name_with_that_cell_empty(String query) throws Exception {
        var json = admin.get(query);
        assertThat(json.status()).as(query).isEqualTo(200);
        assertThat(json.body().findValues("unit")).as(query)
                .anySatisfy(u -> assertThat(u.get("code").asText()).isEqualTo("NEW1"))
                .anySatisfy(u -> assertThat(u.get("code").asText()).isEqualTo("NEW2"))
                .allSatisfy(u -> assertThat(u.get("nameEn").isNull()).isTrue());

        var file = admin.download(query + "&format=csv");
        assertThat(file.statusCode()).as(query).isEqualTo(200);
        var parsed = csv(file.body());
        assertThat(parsed.header()).as(query).contains("unit_code", "unit_name_vi", "unit_name_en");
        for (var code : List.of("NEW1", "NEW2")) {
            assertThat(parsed.rows()).as(query + " " + code).filteredOn(r -> r.get("unit_code").equals(code)).isNotEmpty()
                    .allSatisfy(r -> {
                        assertThat(r.get("unit_name_vi")).isEqualTo(code);
                        assertThat(r.get("unit_name_en")).isEmpty();
                    });
        }

        var workbook = admin.download(query + "&format=xlsx");
        assertThat(workbook.statusCode()).as(query).isEqualTo(200);
        try (var book = new XSSFWorkbook(new ByteArrayInputStream(workbook.body()))) {
            var sheet = book.getSheetAt(0);
            var header = texts(sheet.getRow(0));
            assertThat(header).as(query).isEqualTo(parsed.header());
            assertThat(sheet.getLastRowNum()).as(query).isEqualTo(parsed.rows().size());
            var codes = new ArrayList<String>();
            for (int i = 1; i <= sheet.getLastRowNum(); i++) {
                var row = sheet.getRow(i);
                codes.add(row.getCell(header.indexOf("unit_code")).getStringCellValue());
                assertThat(blank(row.getCell(header.indexOf("unit_name_en")))).as(query + " row " + i).isTrue();
            }
            assertThat(codes).as(query).contains("NEW1", "NEW2");
        }
    }

    @Test
    void a_suppressed_unit_in_a_comparison_is_listed_with_its_figures_left_empty() throws Exception {
        var rows = csv(admin.download("/api/v1/compare?period=2025&baseline=2024&groupBy=unit&format=csv").body()).rows();
        var published = row(rows, "unit_code", "NEW1");
        assertThat(published.get("suppressed")).isEqualTo("false");
        assertThat(Double.parseDouble(published.get("baseline_index"))).isBetween(0.0, 100.0);
        assertThat(Double.parseDouble(published.get("period_index"))).isBetween(0.0, 100.0);
        var suppressed = row(rows, "unit_code", "NEW2");
        assertThat(suppressed.get("n")).isEqualTo("5");
        assertThat(suppressed.get("baseline_n")).isEqualTo("0");
        assertThat(suppressed.get("suppressed")).isEqualTo("true");
        for (var column : List.of("baseline_index", "baseline_low", "baseline_high", "period_index", "delta", "p")) {
            assertThat(suppressed.get(column)).as(column).isEmpty();
        }
    }

    @Test
    void a_comparison_by_channel_with_a_channel_new_this_year_downloads_with_that_channel_suppressed() throws Exception {
        var query = "/api/v1/compare?period=2025&baseline=2024&groupBy=channel";
        var rows = csv(admin.download(query + "&format=csv").body()).rows();
        assertThat(row(rows, "channel", "web").get("suppressed")).isEqualTo("false");
        var kiosk = row(rows, "channel", "kiosk");
        assertThat(kiosk.get("suppressed")).isEqualTo("true");
        assertThat(kiosk.get("period_index")).isEmpty();
        assertThat(admin.download(query + "&format=xlsx").statusCode()).isEqualTo(200);
        assertThat(admin.download(query + "&table=criteria&format=csv").statusCode()).isEqualTo(200);
    }

    @Test
    void the_trend_of_a_unit_without_an_english_name_downloads_by_groups_and_by_criteria() throws Exception {
        for (var query : List.of("/api/v1/trend?interval=year&unit=NEW1", "/api/v1/trend?interval=year&unit=NEW1&table=criteria")) {
            var points = admin.get(query);
            assertThat(points.status()).as(query).isEqualTo(200);
            var file = admin.download(query + "&format=csv");
            assertThat(file.statusCode()).as(query).isEqualTo(200);
            var rows = csv(file.body()).rows();
            assertThat(rows).as(query).extracting(r -> r.get("year")).containsOnly("2024", "2025");
            // One row per year, or per year and criterion answered (PA1 to PA3 never were).
            assertThat(rows).as(query).hasSize(query.contains("criteria") ? sum(points.body().get("points"), "criteria") : 2);
            assertThat(admin.download(query + "&format=xlsx").statusCode()).as(query).isEqualTo(200);
        }
    }

    @Test
    void ratings_without_a_service_or_centre_download_as_a_group_with_empty_code_and_names() throws Exception {
        for (var query : List.of("/api/v1/indices?groupBy=service", "/api/v1/indices?groupBy=service&table=criteria",
                "/api/v1/compare?period=2025&baseline=2024&groupBy=service", "/api/v1/rankings?by=service",
                "/api/v1/distribution?groupBy=service")) {
            var file = admin.download(query + "&format=csv");
            assertThat(file.statusCode()).as(query).isEqualTo(200);
            var rows = csv(file.body()).rows();
            assertThat(rows).as(query).filteredOn(r -> r.get("service_code").equals("S1")).isNotEmpty()
                    .allSatisfy(r -> {
                        assertThat(r.get("service_name_vi")).isEqualTo("Đăng ký khai sinh");
                        assertThat(r.get("service_name_en")).isEmpty();
                    });
            assertThat(rows).as(query + ": the ratings about no service").filteredOn(r -> r.get("service_code").isEmpty())
                    .isNotEmpty()
                    .allSatisfy(r -> assertThat(r.get("service_name_vi") + r.get("service_name_en")).isEmpty());
            assertThat(admin.download(query + "&format=xlsx").statusCode()).as(query).isEqualTo(200);
        }
        // No rating names a centre: all of them are the group of no centre.
        var centres = admin.download("/api/v1/indices?groupBy=centre&format=csv");
        assertThat(centres.statusCode()).isEqualTo(200);
        var noCentre = csv(centres.body()).rows();
        assertThat(noCentre).hasSize(1);
        assertThat(noCentre.get(0).get("centre_code")).isEmpty();
        assertThat(noCentre.get(0).get("n")).isEqualTo("85");
        assertThat(admin.download("/api/v1/rankings?by=centre&format=xlsx").statusCode()).isEqualTo(200);
    }

    private static CSVRecord row(List<CSVRecord> rows, String column, String value) {
        return rows.stream().filter(r -> r.get(column).equals(value)).findFirst()
                .orElseThrow(() -> new AssertionError("no row with " + column + " " + value + " in " + rows));
    }

    private static boolean blank(Cell cell) {
        return cell == null || cell.getStringCellValue().isEmpty();
    }
}
