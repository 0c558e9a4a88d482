package vn.hailong.admin;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.SelectOption;

import vn.hailong.ApiClient;
import vn.hailong.Accessibility;
import vn.hailong.Browser;
import vn.hailong.TestApp;
import vn.hailong.TestDatabase;

/**
 * The survey links screen in headless Chromium: an admin makes a link for a department's counter at the provincial
 * centre, sees its ratings, prints its poster, downloads its QR code and takes it out of use; an agency manager on a
 * phone makes one for its district and sees no other unit's. The server's PUBLIC_URL differs from the address the
 * browser uses, so every link shown must be the server's.
 */
class SurveyLinksBrowserTest {
    static final String PUBLIC_URL = "https://hailong.example.gov.vn";
    static TestApp app;
    static Browser browser;
    static String base;

    @BeforeAll
    static void start() {
        app = TestApp.start(TestApp.settings(TestDatabase.fresh()).withRateLimits(0, 0).withPublicUrl(PUBLIC_URL));
        browser = new Browser();
        base = "http://localhost:" + app.app.port();
        var admin = ApiClient.signIn(app, "admin", "test-admin-password");
        long province = admin.post("/api/v1/units", Map.of("code", "LP", "nameVi", "Tỉnh Liên Phong",
                "nameEn", "Lien Phong Province", "kind", "province")).body().get("id").asLong();
        admin.post("/api/v1/units", Map.of("code", "LP.STP", "nameVi", "Sở Tư pháp", "nameEn", "Department of Justice",
                "kind", "department", "parentId", province));
        long district = admin.post("/api/v1/units", Map.of("code", "LP.HA", "nameVi", "UBND huyện Hòa An",
                "kind", "district", "parentId", province)).body().get("id").asLong();
        long centre = admin.post("/api/v1/centres", Map.of("code", "LP.TTPVHCC", "unitId", province,
                "nameVi", "Trung tâm Phục vụ hành chính công tỉnh")).body().get("id").asLong();
        admin.post("/api/v1/centres/" + centre + "/counters", Map.of("code", "Q-STP", "nameVi", "Quầy Sở Tư pháp"));
        long districtCentre = admin.post("/api/v1/centres", Map.of("code", "LP.HA.MC", "unitId", district,
                "nameVi", "Bộ phận Một cửa huyện Hòa An")).body().get("id").asLong();
        admin.post("/api/v1/centres/" + districtCentre + "/counters", Map.of("code", "Q1", "nameVi", "Quầy số 1"));
        admin.post("/api/v1/service-fields", Map.of("code", "HT", "nameVi", "Hộ tịch"));
        admin.post("/api/v1/services", Map.of("code", "2.000001", "nameVi", "Đăng ký khai sinh", "fieldCode", "HT"));
        admin.post("/api/v1/users", Map.of("username", "quanly.hoaan", "displayName", "Anh Quản Lý",
                "password", "manager-password-1", "role", "agency_manager", "unitId", district));
    }

    @AfterAll
    static void stop() {
        browser.close();
        app.close();
    }

    @Test
    void an_admin_makes_a_link_for_a_counter_prints_its_poster_downloads_its_qr_code_and_takes_it_out_of_use() {
        try (var context = browser.newContext()) {
            var page = context.newPage();
            page.setViewportSize(1366, 900);
            var errors = Browser.consoleErrors(page);
            signIn(page, "admin", "test-admin-password");
            page.locator("#nav-links").click();
            assertThat(page.locator("#view h1")).hasText("Đường dẫn khảo sát");
            assertThat(page.locator("#view")).containsText("Chưa có đường dẫn khảo sát nào.");

            // Nothing chosen: the form says what is missing.
            var make = page.locator("section:has(#add-link)");
            make.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Tạo đường dẫn")).click();
            assertThat(page.locator("#status")).hasText("Vui lòng chọn cơ quan, đơn vị.");
            assertThat(make.getByLabel("Cơ quan, đơn vị")).hasAttribute("aria-invalid", "true");

            // The department's counter at the provincial centre; only the centres serving it are offered.
            make.getByLabel("Cơ quan, đơn vị").selectOption(new SelectOption().setLabel("— Sở Tư pháp (LP.STP)"));
            var centre = make.getByLabel("Trung tâm", new Locator.GetByLabelOptions().setExact(true));
            assertThat(centre.locator("option")).hasText(new String[] {"(không chỉ định trung tâm)",
                    "Trung tâm Phục vụ hành chính công tỉnh (LP.TTPVHCC)"});
            make.getByLabel("Thủ tục hành chính").selectOption(new SelectOption().setLabel("Đăng ký khai sinh (2.000001)"));
            centre.selectOption("LP.TTPVHCC");
            var counter = make.getByLabel("Quầy");
            assertThat(counter).isEnabled();
            counter.selectOption(new SelectOption().setLabel("Quầy Sở Tư pháp (Q-STP)"));
            assertThat(make.getByLabel("Bộ câu hỏi")).hasValue("SIPAS");
            make.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Tạo đường dẫn")).click();

            var fresh = page.locator("#fresh-link");
            assertThat(fresh).containsText("Đã tạo đường dẫn");
            var code = fresh.locator("h2").textContent().replaceAll(".* ", "");
            var url = PUBLIC_URL + "/s/" + code;
            assertThat(page.locator("#fresh-url")).hasText(url);
            page.waitForFunction("() => document.querySelector('#fresh-qr').complete"
                    + " && document.querySelector('#fresh-qr').naturalWidth > 0");
            var row = page.locator("table.links tbody tr[data-code='" + code + "']");
            assertThat(row).containsText("Sở Tư pháp");
            assertThat(row).containsText("Đăng ký khai sinh");
            assertThat(row).containsText("Quầy: Quầy Sở Tư pháp");
            assertThat(row).containsText("Đang sử dụng");
            assertThat(row.locator("td.num")).hasText("0");
            assertThat(row.locator("td").nth(4)).hasText(Pattern.compile("^\\d{2}/\\d{2}/\\d{4}$"));
            var qrText = URLEncoder.encode(url, StandardCharsets.UTF_8);
            var poster = row.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("In áp phích của đường dẫn " + code));
            assertThat(poster).hasAttribute("href", "/poster/#" + code);
            assertThat(poster).hasAttribute("target", "_blank");
            var png = row.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Tải mã QR (PNG) của đường dẫn " + code));
            assertThat(png).hasAttribute("href", "/api/v1/qr?format=png&text=" + qrText);
            assertThat(row.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Tải mã QR (SVG) của đường dẫn " + code)))
                    .hasAttribute("href", "/api/v1/qr?format=svg&text=" + qrText);
            var download = page.waitForDownload(png::click);
            org.assertj.core.api.Assertions.assertThat(download.suggestedFilename()).isEqualTo("khao-sat-" + code + ".png");
            org.assertj.core.api.Assertions.assertThat(download.failure()).isNull();

            // Ratings through the link are counted.
            var citizen = ApiClient.anonymous(app);
            for (int i = 0; i < 2; i++) {
                var rating = citizen.post("/api/v1/responses", Map.of("submissionId", UUID.randomUUID().toString(),
                        "questionnaire", "KIOSK", "version", 1, "agency", "LP.STP", "service", "2.000001",
                        "centre", "LP.TTPVHCC", "counter", "Q-STP", "channel", "qr", "link", code, "answers", Map.of("HL", 4)));
                org.assertj.core.api.Assertions.assertThat(rating.status()).isEqualTo(201);
            }
            page.reload();
            assertThat(row.locator("td.num")).hasText("2");
            Browser.screenshot(page, "admin-survey-links");
            Accessibility.check(page, "admin survey links");

            // The poster opens in a new tab, with the server's address under its QR code.
            var posterPage = page.waitForPopup(poster::click);
            assertThat(posterPage.locator("#short-url")).hasText("hailong.example.gov.vn/s/" + code);
            assertThat(posterPage.locator("#place")).containsText("Quầy Sở Tư pháp");
            Browser.screenshot(posterPage, "admin-survey-link-poster");
            posterPage.close();

            // Out of use: the citizen's page is told so, and the poster and QR codes are no longer offered.
            row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Ngừng sử dụng " + code)).click();
            var dialog = page.locator("dialog.confirm");
            assertThat(dialog).containsText("Người dân quét mã QR trên các áp phích đã in");
            dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Ngừng sử dụng")).click();
            assertThat(page.locator("#status")).hasText("Đã ngừng sử dụng đường dẫn " + code + ".");
            assertThat(row).containsText("Ngừng sử dụng");
            assertThat(row.getByRole(AriaRole.LINK)).hasCount(0);
            org.assertj.core.api.Assertions.assertThat(citizen.get("/api/v1/survey-links/" + code).status()).isEqualTo(410);
            Browser.screenshot(page, "admin-survey-link-retired");
            Accessibility.check(page, "admin survey links, one out of use");
            row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Dùng lại " + code)).click();
            assertThat(page.locator("#status")).hasText("Đường dẫn " + code + " đã được dùng lại.");
            assertThat(row).containsText("Đang sử dụng");
            org.assertj.core.api.Assertions.assertThat(citizen.get("/api/v1/survey-links/" + code).status()).isEqualTo(200);

            page.navigate(base + "/admin/#/audit?entity=survey_link");
            assertThat(page.locator("table tbody tr td:nth-child(3)")).hasText(new String[] {"reactivate", "deactivate", "create"});
            org.assertj.core.api.Assertions.assertThat(errors).as("console errors").isEmpty();
        }
    }

    @Test
    void an_agency_manager_on_a_phone_makes_a_link_for_its_district_and_sees_no_other_units_links() {
        var admin = ApiClient.signIn(app, "admin", "test-admin-password");
        var others = admin.post("/api/v1/survey-links", Map.of("agency", "LP.STP")).body().get("code").asText();
        try (var context = browser.newContext()) {
            var page = context.newPage();
            page.setViewportSize(390, 844);
            var errors = Browser.consoleErrors(page);
            signIn(page, "quanly.hoaan", "manager-password-1");
            page.locator("#nav-links").click();
            assertThat(page.locator("#view h1")).hasText("Đường dẫn khảo sát");
            assertThat(page.locator("#view")).not().containsText(others);
            var make = page.locator("section:has(#add-link)");
            assertThat(make.getByLabel("Cơ quan, đơn vị").locator("option"))
                    .hasText(new String[] {"— Chọn cơ quan, đơn vị —", "UBND huyện Hòa An (LP.HA)"});
            make.getByLabel("Cơ quan, đơn vị").selectOption("LP.HA");
            make.getByLabel("Trung tâm", new Locator.GetByLabelOptions().setExact(true)).selectOption("LP.HA.MC");
            make.getByLabel("Quầy").selectOption("Q1");
            make.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Tạo đường dẫn")).click();
            assertThat(page.locator("#fresh-link")).containsText("Đã tạo đường dẫn");
            assertThat(page.locator("#fresh-url")).hasText(Pattern.compile("^https://hailong\\.example\\.gov\\.vn/s/[a-z0-9]{7}$"));
            page.waitForFunction("() => document.querySelector('#fresh-qr').complete"
                    + " && document.querySelector('#fresh-qr').naturalWidth > 0");
            Browser.screenshot(page, "manager-survey-link-made-phone");
            Accessibility.check(page, "manager's survey links at 390 px");
            Accessibility.checkReflow(page, "manager's survey links at 390 px");
            Accessibility.checkTouchTargets(page, "manager's survey links at 390 px", "#view");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Xong")).click();
            var rows = page.locator("table.links tbody tr");
            assertThat(rows).hasCount(1);
            assertThat(rows.first()).containsText("UBND huyện Hòa An");
            assertThat(rows.first()).containsText("Quầy: Quầy số 1");
            assertThat(rows.first().getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(
                    Pattern.compile("^Ngừng sử dụng ")))).isVisible();
            Browser.screenshot(page, "manager-survey-links-phone");

            // Making the same place's link again gives the same link.
            make.getByLabel("Cơ quan, đơn vị").selectOption("LP.HA");
            make.getByLabel("Trung tâm", new Locator.GetByLabelOptions().setExact(true)).selectOption("LP.HA.MC");
            make.getByLabel("Quầy").selectOption("Q1");
            make.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Tạo đường dẫn")).click();
            assertThat(page.locator("#fresh-link h2")).containsText("Nơi này đã có đường dẫn");
            assertThat(rows).hasCount(1);
            org.assertj.core.api.Assertions.assertThat(errors).as("console errors").isEmpty();
        }
    }

    private static void signIn(Page page, String username, String password) {
        page.navigate(base + "/login.html");
        page.getByLabel("Tên đăng nhập").fill(username);
        page.getByLabel("Mật khẩu").fill(password);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Đăng nhập")).click();
        page.waitForURL(Pattern.compile(Pattern.quote(base) + "/admin/#/.+"));
        assertThat(page.locator("#view h1")).isVisible();
    }

}
