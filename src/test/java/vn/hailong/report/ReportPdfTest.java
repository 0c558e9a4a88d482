package vn.hailong.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.imageio.ImageIO;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import vn.hailong.ApiClient;
import vn.hailong.Browser;
import vn.hailong.TestApp;
import vn.hailong.TestDatabase;
import vn.hailong.demo.DemoProvince;

/**
 * GET /api/v1/report.pdf over the demo province, opened with PDFBox: the official heading, page numbers on every page,
 * a summary that says what /compare finds significant, the ranking of /rankings, p-values as "< 0,001", Vietnamese
 * letters extracted as written (the font is embedded), charts as images; each page drawn to a PNG to look at.
 */
class ReportPdfTest {
    static TestApp app;
    static ApiClient admin;

    @BeforeAll
    static void start() {
        app = TestApp.start(TestApp.settings(TestDatabase.fresh()));
        try (var dsl = app.dsl()) {
            new DemoProvince(dsl).fillIfEmpty(DemoProvince.DEFAULT_SEED, 2025);
        }
        admin = ApiClient.signIn(app, "admin", "test-admin-password");
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    /** The PDF's text, page by page, with lines joined by spaces. */
    record Pdf(List<String> pages, List<Integer> images, String whole) {
    }

    static Pdf download(String query, String name) throws IOException {
        long started = System.nanoTime();
        var answer = admin.download("/api/v1/report.pdf?" + query);
        long ms = (System.nanoTime() - started) / 1_000_000;
        System.out.println("report.pdf?" + query + ": " + ms + " ms, " + answer.body().length + " bytes");
        assertThat(answer.statusCode()).as(new String(answer.body(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(ms).as("rendering time").isLessThan(15_000);
        var pages = new ArrayList<String>();
        var images = new ArrayList<Integer>();
        try (PDDocument doc = Loader.loadPDF(answer.body())) {
            var stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            var renderer = new PDFRenderer(doc);
            Files.createDirectories(Browser.SCREENSHOTS);
            for (int i = 1; i <= doc.getNumberOfPages(); i++) {
                stripper.setStartPage(i);
                stripper.setEndPage(i);
                pages.add(stripper.getText(doc).replaceAll("\\s+", " "));
                images.add(images(doc.getPage(i - 1)));
                BufferedImage png = renderer.renderImageWithDPI(i - 1, 110);
                ImageIO.write(png, "png", Browser.SCREENSHOTS.resolve(name + "-page" + i + ".png").toFile());
            }
            for (var page : doc.getPages()) {
                for (var font : page.getResources().getFontNames()) {
                    var f = page.getResources().getFont(font);
                    assertThat(f.isEmbedded()).as(f.getName()).isTrue();
                    assertThat(f.getName()).contains("DejaVuSerif");
                }
            }
        }
        return new Pdf(pages, images, String.join(" ", pages));
    }

    private static int images(PDPage page) throws IOException {
        int n = 0;
        for (var name : page.getResources().getXObjectNames()) {
            if (page.getResources().getXObject(name) instanceof PDImageXObject) {
                n++;
            }
        }
        return n;
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.1f", value).replace('.', ',');
    }

    @Test
    void the_province_report_reads_as_an_official_report_with_the_api_figures() throws IOException {
        var pdf = download("year=2025", "report-pdf-vi");
        var text = pdf.whole();
        // The heading of an official report: issuer on the left, the national heading and motto on the right.
        assertThat(text).contains("UBND TỈNH MINH AN", "SỞ NỘI VỤ", "Số: ……/BC-SNV", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                "Độc lập - Tự do - Hạnh phúc", "BÁO CÁO");
        var today = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh"));
        assertThat(text).contains(String.format(Locale.ROOT, "Minh An, ngày %02d tháng %02d năm %d", today.getDayOfMonth(),
                today.getMonthValue(), today.getYear()));
        int n = pdf.pages().size();
        assertThat(n).isBetween(3, 12);
        for (int i = 1; i <= n; i++) {
            assertThat(pdf.pages().get(i - 1)).as("page " + i).contains("Trang " + i + "/" + n);
        }
        // Vietnamese letters come out as written: the embedded font maps them.
        assertThat(text).contains("Tiếp nhận, xử lý phản ánh, kiến nghị", "Cơ quan, đơn vị", "Biển chỉ dẫn, sơ đồ nơi làm thủ tục");

        // The summary names exactly the units whose index rose or fell significantly, as /compare flags them.
        var summary = between(text, "I. TÓM TẮT", "II. KẾT QUẢ CHUNG");
        var units = admin.get("/api/v1/compare?period=2025&baseline=2024&groupBy=unit").body().get("groups");
        var rose = new ArrayList<String>();
        var fell = new ArrayList<String>();
        boolean tiny = false;
        for (var g : units) {
            if (g.get("suppressed").asBoolean()) {
                continue;
            }
            var overall = g.get("overall");
            tiny |= overall.get("adjustedP").asDouble() < 0.001;
            if (overall.get("significant").asBoolean()) {
                (overall.get("delta").asDouble() > 0 ? rose : fell).add(g.get("group").get("unit").get("nameVi").asText());
            }
        }
        assertThat(rose.size() + fell.size()).as("the demo has significant changes to write about").isPositive();
        checkSentence(summary, "Cơ quan, đơn vị có chỉ số tăng có ý nghĩa thống kê:", rose, units);
        checkSentence(summary, "Cơ quan, đơn vị có chỉ số giảm có ý nghĩa thống kê:", fell, units);
        // And the criteria whose share rose or fell significantly in the province.
        var province = admin.get("/api/v1/compare?period=2025&baseline=2024").body().get("groups").get(0);
        var overall = province.get("overall");
        assertThat(summary).contains(overall.get("significant").asBoolean()
                ? (overall.get("delta").asDouble() > 0 ? "chỉ số tăng " : "chỉ số giảm ") + number(Math.abs(overall.get("delta").asDouble())) + " điểm; thay đổi có ý nghĩa thống kê"
                : "không có ý nghĩa thống kê");
        var criteriaUp = new ArrayList<String>();
        var criteriaDown = new ArrayList<String>();
        province.get("criteria").fields().forEachRemaining(e -> {
            if (e.getValue().get("significant").asBoolean()) {
                (e.getValue().get("delta").asDouble() > 0 ? criteriaUp : criteriaDown).add(e.getKey() + " ");
            }
        });
        for (var p : List.of(overall.get("adjustedP"))) {
            tiny |= p.asDouble() < 0.001;
        }
        for (var c : province.get("criteria")) {
            tiny |= c.get("adjustedP").asDouble() < 0.001;
        }
        if (criteriaUp.isEmpty() && criteriaDown.isEmpty()) {
            assertThat(summary).contains("Không tiêu chí nào có tỷ lệ hài lòng thay đổi có ý nghĩa thống kê.");
        }
        if (!criteriaUp.isEmpty()) {
            assertThat(sentence(summary, "Tiêu chí có tỷ lệ hài lòng tăng có ý nghĩa thống kê:")).contains(criteriaUp);
        }
        if (!criteriaDown.isEmpty()) {
            assertThat(sentence(summary, "Tiêu chí có tỷ lệ hài lòng giảm có ý nghĩa thống kê:")).contains(criteriaDown);
        }
        // The province against its target (the demo plans 90), judged by the whole interval as the dashboard's headline.
        var targets = admin.get("/api/v1/targets?year=2025&questionnaire=SIPAS").body().get("targets");
        double target = Double.NaN;
        for (var t : targets) {
            if (t.get("parent").isNull()) {
                target = t.get("value").asDouble();
            }
        }
        var index = admin.get("/api/v1/indices?from=2025-01-01&to=2025-12-31").body().get("groups").get(0).get("index");
        var goal = "mục tiêu " + number(target) + " điểm";
        var flat = summary.replaceAll("\\s+", " ");
        if (index.get("high").asDouble() < target) {
            assertThat(flat).contains("Chưa đạt " + goal + ": cả khoảng tin cậy 95 % nằm dưới mục tiêu.");
        } else if (index.get("low").asDouble() >= target) {
            assertThat(flat).contains("Đạt " + goal);
        } else {
            assertThat(flat).contains("Chưa khẳng định được đã đạt " + goal);
        }
        // Units under the province inherit its target: those whose whole interval lies below it are named.
        var shown = admin.get("/api/v1/indices?groupBy=unit&from=2025-01-01&to=2025-12-31").body().get("groups");
        for (var g : shown) {
            if (!g.get("suppressed").asBoolean() && g.get("index").get("high").asDouble() < target - 10) {
                assertThat(flat).as("a unit far below the target").contains(g.get("group").get("unit").get("nameVi").asText());
            }
        }
        // p-values too small to print are "< 0,001", with the Vietnamese decimal comma.
        assertThat(tiny).isTrue();
        assertThat(text).contains("< 0,001");
        assertThat(text).doesNotContain("0.001");

        // The ranking of units, in the order and with the indices of /rankings.
        var ranking = between(text, "V. XẾP HẠNG CÁC CƠ QUAN, ĐƠN VỊ", "VI. KIẾN NGHỊ");
        var ranked = admin.get("/api/v1/rankings?by=unit&from=2025-01-01&to=2025-12-31").body().get("ranked");
        assertThat(ranked.size()).isGreaterThan(5);
        var table = ranking.substring(ranking.indexOf("Hạng Cơ quan, đơn vị"));
        int at = 0;
        for (JsonNode r : ranked) {
            // A long name wraps in its cell: its first words open the row.
            var name = r.get("group").get("unit").get("nameVi").asText();
            // The places its interval allows, as the dashboard shows them: "3" or "2–5".
            int best = r.get("rankRange").get("best").asInt();
            int worst = r.get("rankRange").get("worst").asInt();
            var row = (best == worst ? String.valueOf(best) : best + "–" + worst) + " "
                    + name.substring(0, Math.min(name.length(), 30));
            int found = table.indexOf(row, at);
            assertThat(found).as(row).isGreaterThanOrEqualTo(at);
            assertThat(table.substring(found)).contains(number(r.get("index").get("value").asDouble()));
            at = found;
        }
        // Recommendations for the weakest criteria.
        assertThat(between(text, "VI. KIẾN NGHỊ", "GHI CHÚ PHƯƠNG PHÁP")).contains("Cần tập trung cải thiện");
        // The charts are images on the pages that show them.
        for (int i = 0; i < pdf.pages().size(); i++) {
            var page = pdf.pages().get(i);
            long figures = List.of("Hình 1.", "Hình 2.", "Hình 3.").stream().filter(page::contains).count();
            assertThat(pdf.images().get(i)).as("images on page " + (i + 1)).isEqualTo((int) figures);
        }
        assertThat(pdf.images().stream().mapToInt(Integer::intValue).sum()).isEqualTo(3);
    }

    @Test
    void a_unit_report_in_english_has_the_english_heading_and_page_numbers() throws IOException {
        var answer = admin.download("/api/v1/report.pdf?year=2025&unit=99.SNNMT&lang=en&number=125%2FBC-SNV&place=Minh%20An");
        assertThat(answer.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"satisfaction-report-99.SNNMT-2025.pdf\"");
        var pdf = download("year=2025&unit=99.SNNMT&lang=en&number=125%2FBC-SNV", "report-pdf-en");
        var text = pdf.whole();
        assertThat(text).contains("SOCIALIST REPUBLIC OF VIET NAM", "Independence - Freedom - Happiness",
                "PEOPLE'S COMMITTEE OF MINH", "AN PROVINCE", "DEPARTMENT OF HOME AFFAIRS", "No. 125/BC-SNV", "REPORT",
                "Unit: Department of Agriculture and Environment", "I. SUMMARY", "VI. RECOMMENDATIONS");
        int n = pdf.pages().size();
        for (int i = 1; i <= n; i++) {
            assertThat(pdf.pages().get(i - 1)).contains("Page " + i + "/" + n);
        }
        var total = admin.get("/api/v1/indices?unit=99.SNNMT&from=2025-01-01&to=2025-12-31").body().get("groups").get(0);
        assertThat(text).contains("the overall satisfaction index of Department of Agriculture and Environment was "
                + String.format(Locale.ROOT, "%.1f", total.get("index").get("value").asDouble()) + " points");
        assertThat(text).doesNotContain("Trang ", "Độc lập");
    }

    @Test
    void a_bad_parameter_is_refused_naming_it() {
        assertThat(admin.get("/api/v1/report.pdf").body().get("field").asText()).isEqualTo("year");
        assertThat(admin.get("/api/v1/report.pdf?year=20x5").status()).isEqualTo(422);
        assertThat(admin.get("/api/v1/report.pdf?year=2025&lang=fr").body().get("field").asText()).isEqualTo("lang");
        assertThat(admin.get("/api/v1/report.pdf?year=2025&questionnaire=NOPE").body().get("field").asText())
                .isEqualTo("questionnaire");
        assertThat(admin.get("/api/v1/report.pdf?year=2025&issuer=" + "x".repeat(201)).body().get("field").asText())
                .isEqualTo("issuer");
        assertThat(admin.get("/api/v1/report.pdf?year=2025&unit=NOPE").status()).isEqualTo(404);
        assertThat(ApiClient.anonymous(app).get("/api/v1/report.pdf?year=2025").status()).isEqualTo(401);
    }

    /** The names of {@code expected} all in the sentence that opens with {@code opening}, and no other unit's. */
    private static void checkSentence(String summary, String opening, List<String> expected, JsonNode units) {
        if (expected.isEmpty()) {
            assertThat(summary).doesNotContain(opening);
            return;
        }
        var sentence = sentence(summary, opening);
        for (var g : units) {
            var name = g.get("group").get("unit").get("nameVi").asText();
            if (expected.contains(name)) {
                assertThat(sentence).contains(name + " (");
            } else {
                assertThat(sentence).doesNotContain(name + " (");
            }
        }
    }

    private static String sentence(String text, String opening) {
        int start = text.indexOf(opening);
        assertThat(start).as(opening).isNotNegative();
        int end = text.indexOf(").", start);
        return text.substring(start, end + 2);
    }

    private static String between(String text, String from, String to) {
        int start = text.indexOf(from);
        int end = text.indexOf(to, start);
        assertThat(start).as(from).isNotNegative();
        assertThat(end).as(to).isGreaterThan(start);
        return text.substring(start, end);
    }
}
