package vn.hailong.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.hailong.imports.VectorsProvince.CSV;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jooq.CloseableDSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import vn.hailong.ApiClient;
import vn.hailong.TestApp;
import vn.hailong.analytics.ReferenceIndices;

/** POST /api/v1/imports with CSV: the reference vectors in, their indices out; bad files import nothing and say why. */
class ImportsApiTest {
    static final String CODES = "TC1,TC2,TC3,TT1,TT2,TT3,TT4,CC1,CC2,CC3,KQ1,KQ2,KQ3,PA1,PA2,PA3,HL";
    static final String HEADER = "response_id,submitted_at,agency_code,stratum,channel,comment," + CODES + "\n";
    static final String LEVELS = "5,4,4,3,5,4,4,5,5,4,4,5,4,,,,4";
    static TestApp app;
    static CloseableDSLContext dsl;
    static ApiClient admin;
    static ApiClient.Answer imported;

    @BeforeAll
    static void importTheVectors() {
        app = TestApp.start();
        dsl = app.dsl();
        admin = ApiClient.signIn(app, "admin", "test-admin-password");
        VectorsProvince.create(admin);
        imported = admin.send("POST", "/api/v1/imports", VectorsProvince.responses(), CSV);
    }

    @AfterAll
    static void stop() {
        dsl.close();
        app.close();
    }

    @Test
    void the_reference_vectors_import_and_reproduce_the_reference_indices() {
        assertThat(imported.status()).as(imported.body().toString()).isEqualTo(201);
        assertThat(imported.body().get("rows").asLong()).isEqualTo(319);
        assertThat(imported.body().get("imported").asLong()).isEqualTo(319);
        assertThat(imported.body().get("skipped").asLong()).isZero();
        assertThat(imported.body().get("questionnaire").asText()).isEqualTo("SIPAS");
        assertThat(imported.body().get("problems").size()).isZero();
        assertThat(ReferenceIndices.assertReproduced(admin)).isEqualTo(8);
        // Stored as the source gave them: ids, days (Vietnam time), channels, strata.
        assertThat(TestApp.one(dsl, "select count(*) from response where external_id like 'R%'", Long.class)).isEqualTo(319);
        var first = dsl.fetchSingle("select (submitted_at at time zone 'Asia/Ho_Chi_Minh')::date::text as day, channel,"
                + " stratum, answers::text as answers from response where external_id = 'R000001'");
        assertThat(first.get("day", String.class)).isEqualTo("2024-01-02");
        assertThat(first.get("channel", String.class)).isEqualTo("kiosk");
        assertThat(first.get("stratum", String.class)).isEqualTo("HT");
        assertThat(first.get("answers", String.class)).startsWith("{5,5,5,5,5,4,3,5,4,NULL,5,5,5,5,5,5,5");
        assertThat(TestApp.one(dsl, "select sum(responses) from response_tally", Long.class)).isEqualTo(319);
        assertThat(TestApp.one(dsl, TestApp.ROLLED_UP, Long.class))
                .as("the rollups count them too").isEqualTo(319);
        assertThat(admin.get("/api/v1/audit").body().toString()).contains("\"imported\":319");
    }

    @Test
    void importing_the_same_file_again_adds_nothing() {
        var again = admin.send("POST", "/api/v1/imports", VectorsProvince.responses(), CSV);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().get("imported").asLong()).isZero();
        assertThat(again.body().get("skipped").asLong()).isEqualTo(319);
        assertThat(TestApp.one(dsl, "select count(*) from response", Long.class)).isEqualTo(319);
        assertThat(TestApp.one(dsl, TestApp.ROLLED_UP, Long.class)).isEqualTo(319);
        assertThat(ReferenceIndices.assertReproduced(admin)).isEqualTo(8);
    }

    @Test
    void a_file_with_bad_rows_imports_nothing_and_names_each_row_and_column() {
        var tenMegabytes = "x".repeat(10_000_000);
        var file = HEADER
                + "B1,2025-03-01,AG01,HT,kiosk,,"       + LEVELS + "\n"     // 2: fine
                + "B2,2025-03-01,AG99,HT,kiosk,,"       + LEVELS + "\n"     // 3: unknown agency
                + "B3,2025-03-01,AG01,HT,kiosk,,5,7"    + LEVELS.substring(3) + "\n" // 4: level 7
                + "B4,2025-02-30,AG01,HT,kiosk,,"       + LEVELS + "\n"     // 5: no such day
                + "B1,2025-03-02,AG02,XD,online,,"      + LEVELS + "\n"     // 6: id of row 2 again
                + "B6,2025-03-02,AG02,XD,online,\"" + tenMegabytes + "\"," + LEVELS + "\n" // 7: a 10 MB cell
                + "B7,2025-03-02,AG02,XD,fax,,"         + LEVELS + "\n"     // 8: no such channel
                + "B8,2025-03-02,AG02,ZZ,web,,"         + LEVELS + "\n"     // 9: no such stratum
                + "B9,2025-03-02,AG02,XD,web,,"  + LEVELS.substring(0, LEVELS.length() - 1) + "\n" // 10: HL left out
                + "B10,2099-01-01,AG02,XD,web,,"        + LEVELS + "\n"     // 11: the future
                + "B11,2025-03-02,AG02,XD,web,"         + LEVELS + "\n";    // 12: a cell short
        var answer = admin.send("POST", "/api/v1/imports", file, CSV);
        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.message()).isEqualTo("10 problems; nothing was imported.");
        assertThat(answer.body().get("problemCount").asLong()).isEqualTo(10);
        assertThat(where(answer)).containsExactly("3 agency_code", "4 TC2", "5 submitted_at", "6 response_id",
                "7 comment", "8 channel", "9 stratum", "10 HL", "11 submitted_at", "12 ");
        var messages = answer.body().get("problems").findValuesAsText("message");
        assertThat(messages.get(0)).contains("no unit has code 'AG99'");
        assertThat(messages.get(1)).contains("from 1 to 5", "'7'");
        assertThat(messages.get(3)).contains("row 2");
        assertThat(messages.get(4)).contains("longer than 2,000 characters");
        assertThat(messages.get(9)).contains("has 22 cells, the header (row 1) has 23");
        assertNothingNew();
    }

    @Test
    void files_that_cannot_be_read_import_nothing_and_say_why() throws Exception {
        var latin1 = (HEADER + "E1,2025-03-01,AG01,HT,kiosk,Cán bộ tận tình," + LEVELS + "\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        var notUtf8 = admin.send("POST", "/api/v1/imports", latin1, CSV);
        assertThat(notUtf8.status()).isEqualTo(422);
        assertThat(where(notUtf8)).containsExactly("2 ");
        assertThat(notUtf8.body().get("problems").get(0).get("message").asText()).contains("not UTF-8");
        var utf16 = admin.send("POST", "/api/v1/imports", (HEADER).getBytes(StandardCharsets.UTF_16), CSV);
        assertThat(utf16.body().get("problems").get(0).get("message").asText()).contains("UTF-16");
        var empty = admin.send("POST", "/api/v1/imports", new byte[0], CSV);
        assertThat(empty.status()).isEqualTo(422);
        assertThat(empty.body().get("problems").get(0).get("message").asText()).contains("the file is empty");
        var headerOnly = admin.send("POST", "/api/v1/imports", HEADER, CSV);
        assertThat(where(headerOnly)).containsExactly("2 ");
        assertThat(headerOnly.body().get("problems").get(0).get("message").asText()).contains("no responses");
        var columns = admin.send("POST", "/api/v1/imports", "response_id,submitted_at,agency,channel,TC1,colour\n"
                + "C1,2025-03-01,AG01,web,5,red\n", CSV);
        assertThat(where(columns)).contains("1 agency", "1 colour", "1 agency_code", "1 TC2", "1 HL");
        var quoting = admin.send("POST", "/api/v1/imports", HEADER + "Q1,2025-03-01,AG01,HT,kiosk,\"never closed,"
                + LEVELS + "\n", CSV);
        assertThat(where(quoting)).containsExactly("2 ");
        var workbookAsCsv = admin.send("POST", "/api/v1/imports", new byte[] {'P', 'K', 3, 4, 0, 0}, CSV);
        assertThat(workbookAsCsv.body().get("problems").get(0).get("message").asText()).contains("XLSX");
        var notAWorkbook = admin.send("POST", "/api/v1/imports", HEADER.getBytes(StandardCharsets.UTF_8), ImportsApi.XLSX);
        assertThat(notAWorkbook.status()).isEqualTo(422);
        assertThat(notAWorkbook.body().get("problems").get(0).get("message").asText()).contains("XLSX");
        var workbook = ImportFilesTest.workbookOfTheVectors();
        var truncated = admin.send("POST", "/api/v1/imports", java.util.Arrays.copyOf(workbook, workbook.length / 2),
                ImportsApi.XLSX);
        assertThat(truncated.status()).isEqualTo(422);
        assertThat(truncated.body().get("problems").get(0).get("message").asText()).contains("not a readable XLSX");
        assertNothingNew();
    }

    @Test
    void only_the_first_thousand_problems_are_listed_but_all_are_counted() {
        var file = new StringBuilder(HEADER);
        for (int i = 0; i < 1_500; i++) {
            file.append("M").append(i).append(",2025-03-01,AG01,HT,kiosk,,9").append(LEVELS.substring(1)).append('\n');
        }
        var answer = admin.send("POST", "/api/v1/imports", file.toString(), CSV);
        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.body().get("problemCount").asLong()).isEqualTo(1_500);
        assertThat(answer.body().get("problems").size()).isEqualTo(1_000);
        assertThat(answer.message()).isEqualTo("1,500 problems; nothing was imported.");
        assertNothingNew();
    }

    @Test
    void a_dry_run_counts_what_would_be_imported_and_writes_nothing() {
        var file = new StringBuilder(HEADER);
        for (int i = 1; i <= 10; i++) {
            file.append("D").append(i).append(",2025-06-0").append(i % 9 + 1).append("T09:30:00,AG03,DD,web,,")
                    .append(LEVELS).append('\n');
        }
        file.append("R000001,2024-01-02,AG02,HT,kiosk,,").append(LEVELS).append('\n');
        file.append(",".repeat(22)).append("\r\n\r\n"); // the empty rows a spreadsheet leaves at the end
        var answer = admin.send("POST", "/api/v1/imports?dryRun=true&createMissingUnits=true", file.toString(), CSV);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().get("dryRun").asBoolean()).isTrue();
        assertThat(answer.body().get("rows").asLong()).isEqualTo(11);
        assertThat(answer.body().get("imported").asLong()).isEqualTo(10);
        assertThat(answer.body().get("skipped").asLong()).isEqualTo(1);
        assertNothingNew();
    }

    @Test
    void an_api_key_with_the_import_scope_imports_and_bad_options_are_named() {
        var secret = admin.post("/api/v1/api-keys", Map.of("name", "Một cửa", "scopes", List.of("import")))
                .body().get("secret").asText();
        var key = ApiClient.withKey(app, secret);
        var dryRun = key.send("POST", "/api/v1/imports?dryRun=true&questionnaire=SIPAS&version=1",
                VectorsProvince.responses(), "text/csv; charset=utf-8");
        assertThat(dryRun.status()).isEqualTo(200);
        assertThat(dryRun.body().get("skipped").asLong()).isEqualTo(319);
        assertThat(key.send("POST", "/api/v1/imports", "{}", "application/json").status()).isEqualTo(415);
        assertThat(field(key.send("POST", "/api/v1/imports?dryRun=maybe", HEADER, CSV))).isEqualTo("dryRun");
        assertThat(field(key.send("POST", "/api/v1/imports?questionnaire=NOPE", HEADER, CSV))).isEqualTo("questionnaire");
        assertThat(field(key.send("POST", "/api/v1/imports?version=99", HEADER, CSV))).isEqualTo("version");
        assertThat(field(key.send("POST", "/api/v1/imports?version=first", HEADER, CSV))).isEqualTo("version");
        assertThat(field(key.send("POST", "/api/v1/imports?unitKind=planet", HEADER, CSV))).isEqualTo("unitKind");
        var unknownAgency = key.send("POST", "/api/v1/imports", HEADER + "K1,2025-03-01,AG77,HT,kiosk,," + LEVELS + "\n", CSV);
        assertThat(unknownAgency.body().get("problems").get(0).get("message").asText()).contains("createMissingUnits");
        assertNothingNew();
    }

    private static String field(ApiClient.Answer answer) {
        assertThat(answer.status()).as(answer.body().toString()).isBetween(400, 499);
        return answer.body().get("field").asText();
    }

    private static List<String> where(ApiClient.Answer answer) {
        var found = new ArrayList<String>();
        for (JsonNode p : answer.body().get("problems")) {
            found.add(p.get("row").asInt() + " " + p.get("column").asText());
        }
        return found;
    }

    private static void assertNothingNew() {
        assertThat(TestApp.one(dsl, "select count(*) from response", Long.class)).isEqualTo(319);
        assertThat(TestApp.one(dsl, "select count(*) from imported_response", Long.class)).isEqualTo(319);
        assertThat(TestApp.one(dsl, TestApp.ROLLED_UP, Long.class)).isEqualTo(319);
        assertThat(TestApp.one(dsl, "select count(*) from unit", Long.class)).isEqualTo(4);
    }
}
