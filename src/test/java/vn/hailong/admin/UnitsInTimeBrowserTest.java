package vn.hailong.admin;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;

import vn.hailong.Accessibility;
import vn.hailong.ApiClient;
import vn.hailong.Browser;
import vn.hailong.TestApp;

/**
 * The units in time on the admin screens: a crosswalk checked (its problems by row, then what it would do, with
 * nothing changed), applied, the ended units marked in the tree, and a unit's history read as a timeline.
 */
class UnitsInTimeBrowserTest {
    static final Path SHOTS = Path.of("/tmp/shots-crosswalk");
    static final String HEADER = "old_code,new_code,event,effective_date,share,new_name,new_parent,kind\n";
    static TestApp app;
    static Browser browser;
    static String base;
    static ApiClient admin;
    static final Map<String, Long> ids = new HashMap<>();

    @BeforeAll
    static void start() {
        app = TestApp.start();
        browser = new Browser();
        base = "http://localhost:" + app.app.port();
        admin = ApiClient.signIn(app, "admin", "test-admin-password");
        unit("TP", "Tỉnh Phú Thịnh", "province", null);
        unit("XA", "Xã An Hòa", "commune", "TP");
        unit("XB", "Xã Bình Minh", "commune", "TP");
        unit("XR", "Xã Rạng Đông", "commune", "TP");
    }

    @AfterAll
    static void stop() {
        browser.close();
        app.close();
    }

    @Test
    void an_admin_checks_a_crosswalk_sees_its_problems_then_what_it_would_do_applies_it_and_reads_a_units_history() {
        try (var context = browser.newContext()) {
            var page = context.newPage();
            var errors = Browser.consoleErrors(page);
            signIn(page);
            var panel = page.locator("section:has(#cw-title)");
            assertThat(panel.locator("h2")).hasText("Nhập bảng chuyển đổi đơn vị");

            // A file with a bad row: every problem by row and column, nothing changed.
            panel.getByLabel("Tệp CSV").setInputFiles(csv(HEADER
                    + "XA,XC,sáp nhập,01/07/2025,,Xã Hòa Bình,,\n"
                    + "XKHONG,XC,sáp nhập,01/07/2025,,,,\n"
                    + "XR,XR2,đổi tên,31/06/2025,,Phường Rạng Đông,,\n"));
            panel.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Kiểm tra (chạy thử)")).click();
            var problems = panel.locator("#cw-result table");
            assertThat(problems.locator("caption")).containsText("Các lỗi trong bảng chuyển đổi (2)");
            assertThat(problems.locator("tbody tr").nth(0)).containsText("3");
            assertThat(problems.locator("tbody tr").nth(0)).containsText("old_code");
            assertThat(problems.locator("tbody tr").nth(1)).containsText("effective_date");
            assertThat(page.locator("#status")).containsText("Tệp có lỗi; không có thay đổi nào được ghi.");
            Accessibility.check(page, "crosswalk problems");
            shoot(page, "crosswalk-problems");

            // The right file: a dry run says what would happen; the tree is as it was.
            panel.getByLabel("Tệp CSV").setInputFiles(csv(HEADER
                    + "XA,XC,sáp nhập,01/07/2025,,Xã Hòa Bình,,\n"
                    + "XB,XC,sáp nhập,01/07/2025,,,,\n"
                    + "XR,XR2,đổi tên,01/07/2025,,Phường Rạng Đông,,\n"));
            panel.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Kiểm tra (chạy thử)")).click();
            assertThat(panel.locator("#cw-checked")).hasText("Nếu áp dụng, hệ thống sẽ");
            assertThat(panel).containsText("1 sáp nhập, 1 đổi tên; tạo mới 1 đơn vị, kết thúc 2 đơn vị.");
            var rows = panel.locator("#cw-result table tbody tr");
            assertThat(rows).hasCount(3);
            assertThat(rows.nth(0)).containsText("XC (đơn vị mới)");
            assertThat(rows.nth(0)).containsText("01/07/2025");
            assertThat(page.locator(".tree")).not().containsText("Xã Hòa Bình");
            org.assertj.core.api.Assertions.assertThat(admin.get("/api/v1/units/" + ids.get("XA")).body()
                    .get("ended").asBoolean()).as("a dry run changes nothing").isFalse();
            Accessibility.check(page, "crosswalk dry run");
            shoot(page, "crosswalk-dry-run");

            // Applied: the merged communes marked in the tree under the new one.
            panel.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Áp dụng")).click();
            assertThat(page.locator("#status")).containsText("Đã áp dụng bảng chuyển đổi");
            var merged = page.locator(".tree li", new Page.LocatorOptions().setHasText("Xã An Hòa")).last();
            assertThat(merged.locator(".badge.ended"))
                    .hasText("đã sáp nhập vào Xã Hòa Bình (XC) từ ngày 01/07/2025");
            assertThat(page.locator(".tree")).containsText("Phường Rạng Đông");
            Accessibility.check(page, "units tree with ended units");
            shoot(page, "units-tree-ended");

            // The ended unit: marked, not editable, and its history.
            page.navigate(base + "/admin/#/units/" + ids.get("XA"));
            assertThat(page.locator(".notice")).containsText("đã sáp nhập vào Xã Hòa Bình (XC) từ ngày 01/07/2025");
            assertThat(page.locator("section:has(#rename)")).hasCount(0);
            page.locator("#unit-history").click();
            assertThat(page.locator("h1")).hasText("Lịch sử của Xã An Hòa");
            assertThat(page.locator("ol.timeline")).containsText("Sáp nhập vào Xã Hòa Bình (XC).");
            assertThat(page.locator("ol.timeline")).containsText("Nguồn: bảng chuyển đổi · ghi nhận bởi admin");

            // The renamed unit: both codes, and where it stood.
            page.navigate(base + "/admin/#/units/" + ids.get("XR") + "/history");
            assertThat(page.locator("h1")).hasText("Lịch sử của Phường Rạng Đông");
            assertThat(page.locator("ol.timeline"))
                    .containsText("Đổi tên, mã: Xã Rạng Đông (XR) thành Phường Rạng Đông (XR2).");
            assertThat(page.locator("section:has(#h-codes)")).containsText("XR (dùng đến ngày 01/07/2025)");
            assertThat(page.locator("section:has(#h-places) tbody tr").first()).containsText("Tỉnh Phú Thịnh (TP)");

            // The new commune: formed from the two.
            var xc = admin.get("/api/v1/units").body().findParents("code").stream()
                    .filter(u -> u.get("code").asText().equals("XC")).findFirst().orElseThrow().get("id").asLong();
            page.navigate(base + "/admin/#/units/" + xc + "/history");
            assertThat(page.locator("dl.facts")).containsText("Xã An Hòa (XA)");
            assertThat(page.locator("dl.facts")).containsText("Xã Bình Minh (XB)");
            assertThat(page.locator("ol.timeline")).containsText("Tiếp nhận Xã Bình Minh (XB) sáp nhập vào.");
            Accessibility.check(page, "unit history");
            shoot(page, "unit-history");

            // In English: the same, in the reader's language.
            page.navigate(base + "/admin/#/units/" + ids.get("XA") + "/history");
            page.locator("#lang").click();
            assertThat(page.locator("ol.timeline")).containsText("Merged into Xã Hòa Bình (XC).");
            page.locator("#lang").click();
            assertThat(page.locator("ol.timeline")).containsText("Sáp nhập vào");
            org.assertj.core.api.Assertions.assertThat(errors).allMatch(e -> e.contains("status of 422"));
        }
    }

    private static void shoot(Page page, String name) {
        page.setViewportSize(1366, 900);
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve(name + "-1366.png")).setFullPage(true));
        page.setViewportSize(390, 844);
        Accessibility.check(page, name + " at 390 px");
        Accessibility.checkReflow(page, name + " at 390 px");
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve(name + "-390.png")).setFullPage(true));
        page.setViewportSize(1366, 900);
    }

    private static FilePayload csv(String text) {
        return new FilePayload("chuyen-doi.csv", "text/csv", text.getBytes(StandardCharsets.UTF_8));
    }

    private static void signIn(Page page) {
        page.navigate(base + "/login.html");
        page.getByLabel("Tên đăng nhập").fill("admin");
        page.getByLabel("Mật khẩu").fill("test-admin-password");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Đăng nhập")).click();
        page.waitForURL(Pattern.compile(Pattern.quote(base) + "/admin/#/.+"));
        assertThat(page.locator("#view h1")).isVisible();
    }

    private static void unit(String code, String name, String kind, String parent) {
        var body = new HashMap<String, Object>(Map.of("code", code, "nameVi", name, "kind", kind));
        if (parent != null) {
            body.put("parentId", ids.get(parent));
        }
        var created = admin.post("/api/v1/units", body);
        org.assertj.core.api.Assertions.assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        ids.put(code, created.body().get("id").asLong());
    }
}
