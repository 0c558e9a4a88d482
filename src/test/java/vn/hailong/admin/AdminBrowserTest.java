package vn.hailong.admin;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.RequestOptions;
import com.microsoft.playwright.options.SelectOption;

import vn.hailong.Accessibility;
import vn.hailong.Browser;
import vn.hailong.TestApp;

/** The admin screens in headless Chromium against the real app: what a signed-in person sees and can do. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminBrowserTest {
    static final String ADMIN_PASSWORD = "test-admin-password";
    static final String IMG_PAYLOAD = "<img src=x onerror=window.__xss=1>";
    static final String SCRIPT_PAYLOAD = "<script>window.__xss=1</script>";
    static final ObjectMapper json = new ObjectMapper();

    static TestApp app;
    static Browser browser;
    static String base;

    @BeforeAll
    static void start() {
        app = TestApp.start();
        browser = new Browser();
        base = "http://localhost:" + app.app.port();
    }

    @AfterAll
    static void stop() {
        browser.close();
        app.close();
    }

    @Test
    void an_admin_adds_a_unit_a_centre_and_a_kiosk_then_publishes_a_questionnaire_and_finds_it_all_in_the_audit_log() {
        try (var context = browser.newContext()) {
            var page = context.newPage();
            var errors = Browser.consoleErrors(page);
            signIn(page, "admin", ADMIN_PASSWORD);
            assertThat(page.locator("#who-role")).hasText("Quản trị viên");
            assertThat(page.locator("#nav-units")).hasAttribute("aria-current", "page");

            // A unit, through the form under the tree.
            var addUnit = page.locator("section:has(#add-unit)");
            addUnit.getByLabel("Mã", new Locator.GetByLabelOptions().setExact(true)).fill("T01");
            addUnit.getByLabel("Tên tiếng Việt").fill("Tỉnh Thử Nghiệm");
            addUnit.getByLabel("Tên tiếng Anh").fill("Test Province");
            addUnit.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Thêm")).click();
            assertThat(page.locator("#status")).containsText("Đã thêm đơn vị Tỉnh Thử Nghiệm (T01)");
            assertThat(page.locator(".tree a", new Page.LocatorOptions().setHasText("Tỉnh Thử Nghiệm"))).isVisible();
            Browser.screenshot(page, "admin-units");
            Accessibility.check(page, "admin units");

            // A centre of that unit.
            page.locator("#nav-centres").click();
            var addCentre = page.locator("section:has(#add-centre)");
            addCentre.getByLabel("Mã", new Locator.GetByLabelOptions().setExact(true)).fill("TT01");
            addCentre.getByLabel("Cơ quan, đơn vị", new Locator.GetByLabelOptions().setExact(true))
                    .selectOption(new SelectOption().setLabel("Tỉnh Thử Nghiệm (T01)"));
            addCentre.getByLabel("Tên tiếng Việt").fill("Trung tâm Phục vụ hành chính công tỉnh");
            addCentre.getByLabel("Bộ câu hỏi cho kiosk").selectOption("KIOSK");
            addCentre.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Thêm")).click();
            assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Trung tâm Phục vụ hành chính công tỉnh")))
                    .isVisible();

            // A kiosk device for the centre: its one-time code, link and QR code.
            page.locator("#nav-devices").click();
            var addDevice = page.locator("section:has(#add-device)");
            addDevice.getByLabel("Trung tâm").selectOption(new SelectOption().setLabel("Trung tâm Phục vụ hành chính công tỉnh (TT01)"));
            addDevice.getByLabel("Tên thiết bị").fill("Kiosk quầy 1");
            addDevice.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Thêm")).click();
            assertThat(page.locator("#enrolment-code")).hasText(Pattern.compile("^[A-Z0-9-]{6,}$"));
            var code = page.locator("#enrolment-code").textContent();
            assertThat(page.locator("#enrolment-url")).hasText(base + "/kiosk/#enrol=" + code);
            org.assertj.core.api.Assertions.assertThat(page.locator(".qr-box[role=img]").getAttribute("aria-label"))
                    .isEqualTo("Mã QR của đường dẫn kích hoạt " + base + "/kiosk/#enrol=" + code);
            page.waitForFunction("() => document.querySelector('#enrolment-qr').complete"
                    + " && document.querySelector('#enrolment-qr').naturalWidth > 0");
            assertThat(page.locator("table tbody tr", new Page.LocatorOptions().setHasText("Kiosk quầy 1")))
                    .containsText("Chờ kích hoạt");
            Browser.screenshot(page, "admin-device-enrolment");
            Accessibility.check(page, "admin devices, enrolment panel");

            // A new questionnaire from a preset: publish version 1, then a version 2 without the problem question.
            page.locator("#nav-questionnaires").click();
            var create = page.locator("section:has(#new-q)");
            create.getByLabel("Mẫu").selectOption("KIOSK");
            create.getByLabel("Mã", new Locator.GetByLabelOptions().setExact(true)).fill("KIOSK_B");
            create.getByLabel("Tên tiếng Việt").fill("Thẻ đánh giá nhanh B");
            create.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Thêm")).click();
            assertThat(page.locator("h1")).hasText("Bộ câu hỏi KIOSK_B · Phiên bản 1");
            page.locator("[name='titleVi']").fill("Ông/Bà hài lòng không?");
            page.locator("[name='criteria[1].code']").fill("HL");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Lưu")).click();
            assertThat(page.locator("#status")).containsText("criteria[1].code: indicator code 'HL' is used twice");
            assertThat(page.locator("[name='criteria[1].code']")).hasAttribute("aria-invalid", "true");
            Accessibility.check(page, "admin questionnaire draft, refused save");
            page.locator("[name='criteria[1].code']").fill("PB");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Lưu")).click();
            assertThat(page.locator("#status")).hasText("Đã lưu.");
            publish(page);
            assertThat(page.locator("#comparability")).containsText("Phiên bản đầu tiên");
            assertThat(page.locator("#comparability")).containsText("HL, PB");
            assertThat(page.locator("[name='titleVi']")).isDisabled();

            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Tạo bản nháp mới từ phiên bản mới nhất")).click();
            assertThat(page.locator("h1")).hasText("Bộ câu hỏi KIOSK_B · Phiên bản 2");
            page.locator("fieldset:not(.editor):has(legend:text-is('Câu 2 · PB'))").getByRole(AriaRole.BUTTON,
                    new Locator.GetByRoleOptions().setName("Xóa")).click();
            publish(page);
            var report = page.locator("#comparability");
            assertThat(report).containsText("So sánh với phiên bản trước (Phiên bản 1)");
            assertThat(report.locator(".codes-list:has(h3:text('Giữ nguyên'))")).containsText("HL");
            assertThat(report.locator(".codes-list:has(h3:text('Bỏ đi'))")).containsText("PB");
            Browser.screenshot(page, "admin-questionnaire-published");
            Accessibility.check(page, "admin questionnaire published");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Tạo bản nháp mới từ phiên bản mới nhất")).click();
            assertThat(page.locator("h1")).hasText("Bộ câu hỏi KIOSK_B · Phiên bản 3");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Xóa bản nháp")).click();
            assertThat(page.locator("dialog.confirm")).isVisible();
            Accessibility.check(page, "admin confirmation dialog");
            page.locator("dialog.confirm").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Xóa bản nháp")).click();
            assertThat(page.locator("#view h1")).hasText("Bộ câu hỏi");
            assertThat(page.locator("tr:has(th:text-is('KIOSK_B')) li")).hasCount(2);
            Accessibility.check(page, "admin questionnaires");

            // Each change in the audit log, newest first.
            page.locator("#nav-audit").click();
            var rows = page.locator("table tbody tr");
            assertThat(rows.first().locator("td").nth(2)).hasText("delete");
            assertThat(rows.nth(1).locator("td").nth(2)).hasText("create");
            assertThat(rows.nth(2).locator("td").nth(2)).hasText("publish");
            for (var entity : List.of("unit", "centre", "device", "questionnaire", "questionnaire_version")) {
                assertThat(rows.filter(new Locator.FilterOptions().setHas(page.locator("td:text-is('" + entity + "')"))).first())
                        .isVisible();
            }
            page.getByLabel("Đối tượng", new Page.GetByLabelOptions().setExact(true)).fill("device");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Lọc")).click();
            assertThat(page.locator("table tbody tr:not(:has(td:text-is('device')))")).hasCount(0);
            rows.first().getByRole(AriaRole.BUTTON).click(); // newest first: the device made above
            assertThat(page.locator("#event-details pre").nth(1)).containsText("\"name\": \"Kiosk quầy 1\"");
            Browser.screenshot(page, "admin-audit");
            Accessibility.check(page, "admin audit, an event's details");

            try (var dsl = app.dsl()) {
                org.assertj.core.api.Assertions.assertThat(TestApp.one(dsl,
                        "select count(*) from audit_event where action = 'publish' and actor = 'admin'", Integer.class))
                        .isEqualTo(2);
            }
            org.assertj.core.api.Assertions.assertThat(errors).as("console errors besides the refused save (CSP violations included)")
                    .allMatch(e -> e.matches("Failed to load resource: the server responded with a status of 422 .*"));
        }
    }

    @Test
    void an_agency_manager_sees_only_its_own_subtree_and_gets_nothing_of_another_unit() {
        long own;
        long child;
        long other;
        long otherCentre;
        try (var adminContext = browser.newContext()) {
            apiSignIn(adminContext, "admin", ADMIN_PASSWORD);
            own = api(adminContext, "POST", "/units", Map.of("code", "AM", "nameVi", "Sở Quản Lý Riêng", "kind", "department"))
                    .get("id").asLong();
            child = api(adminContext, "POST", "/units", Map.of("code", "AM.1", "nameVi", "Phòng Con Riêng", "kind", "office",
                    "parentId", own)).get("id").asLong();
            other = api(adminContext, "POST", "/units", Map.of("code", "BX", "nameVi", "Sở Bí Mật Khác", "kind", "department"))
                    .get("id").asLong();
            api(adminContext, "POST", "/centres", Map.of("code", "AM-C", "unitId", child, "nameVi", "Một cửa Phòng Con"));
            otherCentre = api(adminContext, "POST", "/centres", Map.of("code", "BX-C", "unitId", other,
                    "nameVi", "Một cửa Bí Mật")).get("id").asLong();
            api(adminContext, "POST", "/users", Map.of("username", "quanly", "displayName", "Chị Quản Lý",
                    "password", "manager-password-1", "role", "agency_manager", "unitId", own));
        }
        try (var context = browser.newContext()) {
            var page = context.newPage();
            var errors = Browser.consoleErrors(page);
            signIn(page, "quanly", "manager-password-1");
            assertThat(page.locator("#who")).containsText("Chị Quản Lý · Quản lý đơn vị");
            assertThat(page.locator("#nav a")).hasText(new String[] {"Đơn vị", "Thiết bị", "Đường dẫn khảo sát", "Bộ câu hỏi",
                    "Trung tâm, quầy", "Thủ tục", "Phản ánh cần xử lý", "Mục tiêu", "Thông báo"});
            assertThat(page.locator(".tree a")).hasText(new String[] {"Sở Quản Lý Riêng", "Phòng Con Riêng"});
            assertThat(page.locator("#view")).not().containsText("Sở Bí Mật Khác");
            assertThat(page.locator("section:has(#add-unit)")).hasCount(0);
            assertThat(page.locator("#view")).not().containsText("null"); // the forms left out, not written as "null"
            Browser.screenshot(page, "manager-units");
            Accessibility.check(page, "admin units of a manager");

            page.locator("#nav-centres").click();
            assertThat(page.locator("table tbody tr")).hasCount(1);
            assertThat(page.locator("table")).containsText("Một cửa Phòng Con");
            page.locator("#nav-devices").click();
            assertThat(page.getByLabel("Trung tâm")).containsText("Một cửa Phòng Con");
            assertThat(page.getByLabel("Trung tâm")).not().containsText("Một cửa Bí Mật");

            // Editing the hash to another unit's or centre's id shows a message, never the data.
            page.navigate(base + "/admin/#/units/" + other);
            assertThat(page.locator("#status")).containsText("Không tìm thấy");
            assertThat(page.locator("#view h1")).hasText("Không tìm thấy");
            assertThat(page.locator("body")).not().containsText("Sở Bí Mật Khác");
            Browser.screenshot(page, "manager-other-unit");
            Accessibility.check(page, "admin not found");
            page.navigate(base + "/admin/#/units/" + child);
            assertThat(page.locator("#view h1")).hasText("Đơn vị Phòng Con Riêng");
            page.navigate(base + "/admin/#/centres/" + otherCentre);
            assertThat(page.locator("#status")).containsText("Không tìm thấy");
            assertThat(page.locator("body")).not().containsText("Một cửa Bí Mật");
            page.navigate(base + "/admin/#/audit");
            assertThat(page.locator("#view h1")).hasText("Không được phép");

            // And asking the API directly from the page gets a refusal without the data.
            var unit = fetchFromPage(page, "/api/v1/units/" + other);
            org.assertj.core.api.Assertions.assertThat(unit.get("status").asInt()).isEqualTo(404);
            org.assertj.core.api.Assertions.assertThat(unit.get("body").asText()).doesNotContain("Sở Bí Mật Khác");
            var centre = fetchFromPage(page, "/api/v1/centres/" + otherCentre);
            org.assertj.core.api.Assertions.assertThat(centre.get("status").asInt()).isEqualTo(404);
            org.assertj.core.api.Assertions.assertThat(centre.get("body").asText()).doesNotContain("Một cửa Bí Mật");
            var audit = fetchFromPage(page, "/api/v1/audit");
            org.assertj.core.api.Assertions.assertThat(audit.get("status").asInt()).isEqualTo(403);
            var all = fetchFromPage(page, "/api/v1/units");
            org.assertj.core.api.Assertions.assertThat(all.get("body").asText()).doesNotContain("Sở Bí Mật Khác");

            org.assertj.core.api.Assertions.assertThat(errors).as("console errors besides the expected refusals")
                    .allMatch(e -> e.matches("Failed to load resource: the server responded with a status of 40[34] .*"));
        }
    }

    @Test
    void names_and_texts_holding_markup_are_shown_as_literal_text_on_every_admin_page() {
        long unit;
        long centre;
        long version;
        try (var adminContext = browser.newContext()) {
            apiSignIn(adminContext, "admin", ADMIN_PASSWORD);
            unit = api(adminContext, "POST", "/units", Map.of("code", "XSS", "nameVi", "Đơn vị " + IMG_PAYLOAD,
                    "nameEn", "Unit " + SCRIPT_PAYLOAD, "kind", "province")).get("id").asLong();
            centre = api(adminContext, "POST", "/centres", Map.of("code", "XSS-C", "unitId", unit,
                    "nameVi", "Trung tâm " + SCRIPT_PAYLOAD, "address", IMG_PAYLOAD)).get("id").asLong();
            api(adminContext, "POST", "/centres/" + centre + "/counters", Map.of("code", "Q1", "nameVi", "Quầy " + IMG_PAYLOAD));
            api(adminContext, "POST", "/devices", Map.of("centreId", centre, "name", "Máy " + IMG_PAYLOAD));
            api(adminContext, "POST", "/survey-links", Map.of("agency", "XSS", "centre", "XSS-C", "counter", "Q1"));
            var questionnaire = api(adminContext, "POST", "/questionnaires", Map.of("code", "XSSQ",
                    "nameVi", "Bộ " + IMG_PAYLOAD, "preset", "KIOSK"));
            version = questionnaire.get("versions").get(0).get("id").asLong();
            var content = (com.fasterxml.jackson.databind.node.ObjectNode) api(adminContext, "GET",
                    "/questionnaire-versions/" + version, null).get("content");
            content.put("titleVi", "Tiêu đề " + SCRIPT_PAYLOAD);
            ((com.fasterxml.jackson.databind.node.ObjectNode) content.get("criteria").get(0)).put("textVi", "Câu " + IMG_PAYLOAD);
            api(adminContext, "PUT", "/questionnaire-versions/" + version, content);
        }
        try (var context = browser.newContext()) {
            var page = context.newPage();
            var errors = Browser.consoleErrors(page);
            signIn(page, "admin", ADMIN_PASSWORD);
            var pages = Map.of(
                    "units", "Đơn vị " + IMG_PAYLOAD,
                    "units/" + unit, "Đơn vị " + IMG_PAYLOAD,
                    "centres", "Trung tâm " + SCRIPT_PAYLOAD,
                    "centres/" + centre, "Quầy " + IMG_PAYLOAD,
                    "devices", "Máy " + IMG_PAYLOAD,
                    "links", "Quầy " + IMG_PAYLOAD,
                    "questionnaires", "Bộ " + IMG_PAYLOAD,
                    "questionnaires/v/" + version, "Tiêu đề " + SCRIPT_PAYLOAD,
                    "audit?entity=centre", "centre",
                    "users", "Đơn vị " + IMG_PAYLOAD);
            for (var entry : pages.entrySet()) {
                page.navigate(base + "/admin/#/" + entry.getKey());
                page.reload();
                assertThat(page.locator("#view")).containsText(entry.getValue());
                assertLiteral(page);
            }
            page.navigate(base + "/admin/#/questionnaires/v/" + version);
            page.reload();
            assertThat(page.locator("[name='criteria[0].textVi']")).hasValue("Câu " + IMG_PAYLOAD);
            page.navigate(base + "/admin/#/centres/" + centre);
            assertThat(page.locator("#view")).containsText(IMG_PAYLOAD); // the address
            page.navigate(base + "/admin/#/audit?entity=centre");
            page.locator("table tbody tr").first().getByRole(AriaRole.BUTTON).click();
            assertThat(page.locator("#event-details")).containsText("Trung tâm " + SCRIPT_PAYLOAD);
            assertLiteral(page);
            page.locator("#lang").click();
            page.navigate(base + "/admin/#/units");
            assertThat(page.locator("#view")).containsText("Unit " + SCRIPT_PAYLOAD);
            assertLiteral(page);
            Browser.screenshot(page, "xss-units-english");
            Accessibility.check(page, "admin units in English");
            page.locator("#lang").click();
            org.assertj.core.api.Assertions.assertThat(errors).as("console errors (CSP violations included)").isEmpty();
        }
    }

    @Test
    void an_admin_page_opened_without_a_session_goes_to_the_sign_in_page_and_back() {
        try (var context = browser.newContext()) {
            var page = context.newPage();
            page.navigate(base + "/admin/#/units");
            page.waitForURL(Pattern.compile(".*/login\\.html\\?next=%2Fadmin%2F%23%2Funits$"));
            page.getByLabel("Tên đăng nhập").fill("admin");
            page.getByLabel("Mật khẩu").fill(ADMIN_PASSWORD);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Đăng nhập")).click();
            assertThat(page.locator("#view h1")).hasText("Cơ quan, đơn vị");
            page.keyboard().press("Tab");
            assertThat(page.locator("#skip")).isFocused();
            page.keyboard().press("Enter");
            assertThat(page.locator("#view")).isFocused();
            org.assertj.core.api.Assertions.assertThat(page.url()).endsWith("/admin/#/units");
            page.locator("#sign-out").click();
            page.waitForURL(Pattern.compile(".*/login\\.html$"));
            var session = fetchFromPage(page, "/api/v1/session");
            org.assertj.core.api.Assertions.assertThat(session.get("status").asInt()).isEqualTo(401);

            // ?next= may only name a path on this site.
            page.navigate(base + "/login.html?next=//evil.example/");
            page.getByLabel("Tên đăng nhập").fill("admin");
            page.getByLabel("Mật khẩu").fill(ADMIN_PASSWORD);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Đăng nhập")).click();
            page.waitForURL(Pattern.compile(Pattern.quote(base) + "/admin/#/units"));
        }
    }

    @Test
    void a_csv_import_with_bad_rows_shows_each_problem_by_row_and_imports_nothing_until_the_file_is_right() {
        try (var context = browser.newContext()) {
            var page = context.newPage();
            var errors = Browser.consoleErrors(page);
            signIn(page, "admin", ADMIN_PASSWORD);
            var importUnits = page.locator("section:has(h2:text('Nhập từ tệp CSV'))");
            importUnits.getByLabel("Tệp CSV").setInputFiles(csv("units.csv", """
                    code,name_vi,name_en,kind,parent_code
                    CSV1,Tỉnh Nhập Tệp,,province,
                    CSV1.A,,Missing name,office,CSV1
                    CSV1.B,Phòng B,,planet,CSV1
                    """));
            importUnits.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Nhập")).click();
            // The server reads the file first (empty cells), then checks references (kinds, parents).
            var problems = page.locator("#status table tbody tr");
            assertThat(problems).hasText(new String[] {"3name_viis empty"});
            importUnits.getByLabel("Tệp CSV").setInputFiles(csv("units.csv", """
                    code,name_vi,name_en,kind,parent_code
                    CSV1,Tỉnh Nhập Tệp,,province,
                    CSV1.B,Phòng B,,planet,CSV1
                    CSV1.C,Phòng C,,office,NOWHERE
                    """));
            importUnits.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Nhập")).click();
            assertThat(problems).hasText(new String[] {"3kindunknown unit kind 'planet'",
                    "4parent_codeno unit has code 'NOWHERE'"});
            assertThat(page.locator("#view")).not().containsText("Tỉnh Nhập Tệp");
            Browser.screenshot(page, "admin-units-import-problems");
            Accessibility.check(page, "admin units, import problems");

            importUnits.getByLabel("Tệp CSV").setInputFiles(csv("units.csv", """
                    code,name_vi,name_en,kind,parent_code
                    CSV1,Tỉnh Nhập Tệp,,province,
                    CSV1.A,Phòng A,,office,CSV1
                    CSV2,Tỉnh Thứ Hai,,province,
                    """));
            importUnits.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Nhập")).click();
            assertThat(page.locator("#status")).hasText("Đã nhập 3 dòng: 3 mới, 0 cập nhật.");

            // Collapse and expand a branch; then rename, move and deactivate one unit.
            var toggle = page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Thu gọn Tỉnh Nhập Tệp"));
            toggle.click();
            assertThat(page.locator(".tree a", new Page.LocatorOptions().setHasText("Phòng A"))).hasCount(0);
            assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Mở Tỉnh Nhập Tệp")))
                    .hasAttribute("aria-expanded", "false");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Mở Tỉnh Nhập Tệp")).click();
            page.locator(".tree a", new Page.LocatorOptions().setHasText("Phòng A")).click();
            assertThat(page.locator("#view h1")).hasText("Đơn vị Phòng A");
            var rename = page.locator("section:has(#rename)");
            rename.getByLabel("Tên tiếng Việt").fill("Phòng A đổi tên");
            rename.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Lưu")).click();
            assertThat(page.locator("#view h1")).hasText("Đơn vị Phòng A đổi tên");
            var move = page.locator("section:has(#move)");
            move.getByLabel("Đơn vị cấp trên mới").selectOption(new SelectOption().setLabel("Tỉnh Thứ Hai (CSV2)"));
            move.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Chuyển")).click();
            assertThat(page.locator("#status")).hasText("Đã chuyển đơn vị.");
            assertThat(page.locator("dl.facts")).containsText("Tỉnh Thứ Hai");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Ngừng hoạt động")).click();
            page.locator("dialog.confirm").getByRole(AriaRole.BUTTON,
                    new Locator.GetByRoleOptions().setName("Ngừng hoạt động")).click();
            assertThat(page.locator("dl.facts")).containsText("Ngừng hoạt động");
            assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Hoạt động trở lại"))).isVisible();
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Nhật ký thay đổi của mục này")).click();
            assertThat(page.locator("table tbody tr td:nth-child(3)")).hasText(new String[] {"update", "update", "update"});
            assertThat(page.getByLabel("Mã đối tượng")).not().hasValue("");
            page.locator("#nav-units").click();
            assertThat(page.locator(".tree li:has(> .node a:text('Tỉnh Thứ Hai')) a", new Page.LocatorOptions()
                    .setHasText("Phòng A đổi tên"))).isVisible();

            // The catalogue: a field first, then procedures in it from a file.
            page.locator("#nav-catalogue").click();
            var addField = page.locator("div.panel:has(h3:text('Thêm lĩnh vực'))");
            addField.getByLabel("Mã", new Locator.GetByLabelOptions().setExact(true)).fill("HT");
            addField.getByLabel("Tên tiếng Việt").fill("Hộ tịch");
            addField.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Thêm")).click();
            assertThat(page.locator("#status")).hasText("Đã lưu.");
            var importServices = page.locator("section:has(h2:text('Nhập từ tệp CSV'))");
            importServices.getByLabel("Tệp CSV").setInputFiles(csv("services.csv", """
                    code,name_vi,name_en,field_code
                    1.001,Đăng ký khai sinh,Birth registration,HT
                    1.002,Đăng ký kết hôn,,XX
                    """));
            importServices.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Nhập")).click();
            assertThat(page.locator("#status table tbody tr")).hasCount(1);
            assertThat(page.locator("#status table tbody tr")).containsText("no field has code 'XX'");
            importServices.getByLabel("Tệp CSV").setInputFiles(csv("services.csv", """
                    code,name_vi,name_en,field_code
                    1.001,Đăng ký khai sinh,Birth registration,HT
                    1.002,Đăng ký kết hôn,,HT
                    """));
            importServices.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Nhập")).click();
            assertThat(page.locator("#status")).hasText("Đã nhập 2 dòng: 2 mới, 0 cập nhật.");
            page.getByLabel("Tìm kiếm").fill("kết hôn");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Lọc")).click();
            assertThat(page.locator("section:has(#services-title) table tbody tr")).hasCount(1);
            Browser.screenshot(page, "admin-catalogue");
            Accessibility.check(page, "admin catalogue");
            org.assertj.core.api.Assertions.assertThat(errors).as("console errors besides the refused imports")
                    .allMatch(e -> e.matches("Failed to load resource: the server responded with a status of 422 .*"));
        }
    }

    @Test
    void an_admin_edits_a_centre_and_its_counters_manages_users_and_sees_an_api_key_secret_once() {
        try (var adminContext = browser.newContext()) {
            apiSignIn(adminContext, "admin", ADMIN_PASSWORD);
            api(adminContext, "POST", "/units", Map.of("code", "CT", "nameVi", "Tỉnh Trung Tâm", "kind", "province"));
        }
        try (var context = browser.newContext()) {
            var page = context.newPage();
            var errors = Browser.consoleErrors(page);
            signIn(page, "admin", ADMIN_PASSWORD);

            // A centre, its kiosk questionnaire and two counters, one of them then edited.
            page.locator("#nav-centres").click();
            var addCentre = page.locator("section:has(#add-centre)");
            addCentre.getByLabel("Mã", new Locator.GetByLabelOptions().setExact(true)).fill("CT-1");
            addCentre.getByLabel("Cơ quan, đơn vị", new Locator.GetByLabelOptions().setExact(true))
                    .selectOption(new SelectOption().setLabel("Tỉnh Trung Tâm (CT)"));
            addCentre.getByLabel("Tên tiếng Việt").fill("Bộ phận Một cửa tỉnh");
            addCentre.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Thêm")).click();
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Bộ phận Một cửa tỉnh")).click();
            var edit = page.locator("section:has(#edit-centre)");
            edit.getByLabel("Tên tiếng Việt").fill(" ");
            edit.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Lưu")).click();
            assertThat(page.locator("#status")).hasText("Dữ liệu chưa hợp lệ: nameVi: is required");
            assertThat(edit.getByLabel("Tên tiếng Việt")).hasAttribute("aria-invalid", "true");
            assertThat(edit.getByLabel("Tên tiếng Việt")).isFocused();
            edit.getByLabel("Tên tiếng Việt").fill("Bộ phận Một cửa tỉnh");
            edit.getByLabel("Bộ câu hỏi cho kiosk").selectOption("KIOSK");
            edit.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Lưu")).click();
            assertThat(page.locator("dl.facts")).containsText("KIOSK");
            for (var counter : List.of("Q1", "Q2")) {
                var add = page.locator("section:has(#counter-form)");
                add.getByLabel("Mã", new Locator.GetByLabelOptions().setExact(true)).fill(counter);
                add.getByLabel("Tên tiếng Việt").fill("Quầy " + counter);
                add.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Thêm")).click();
                assertThat(page.locator("table tbody tr", new Page.LocatorOptions().setHasText("Quầy " + counter))).isVisible();
            }
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sửa Q2")).click();
            var counterForm = page.locator("section:has(#counter-form)");
            counterForm.getByLabel("Tên tiếng Việt").fill("Quầy số hai");
            counterForm.getByLabel("Đang hoạt động").uncheck();
            counterForm.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Lưu")).click();
            assertThat(page.locator("table tbody tr", new Page.LocatorOptions().setHasText("Quầy số hai")))
                    .containsText("Ngừng hoạt động");
            Browser.screenshot(page, "admin-centre");
            Accessibility.check(page, "admin centre and counters");

            // A user, then made an agency manager of the unit.
            page.locator("#nav-users").click();
            var addUser = page.locator("section:has(#add-user)");
            addUser.getByLabel("Tên đăng nhập").fill("phantich");
            addUser.getByLabel("Tên hiển thị").fill("Anh Phân Tích");
            addUser.getByLabel("Mật khẩu").fill("analyst-password-1");
            addUser.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Thêm")).click();
            var row = page.locator("table tbody tr", new Page.LocatorOptions().setHasText("phantich"));
            assertThat(row).containsText("Chuyên viên phân tích");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sửa phantich")).click();
            var editUser = page.locator("section:has(#user-form)");
            editUser.getByLabel("Vai trò").selectOption("agency_manager");
            editUser.getByLabel("Cơ quan, đơn vị").selectOption(new SelectOption().setLabel("Tỉnh Trung Tâm (CT)"));
            editUser.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Lưu")).click();
            assertThat(row).containsText("Quản lý đơn vị");
            assertThat(row).containsText("Tỉnh Trung Tâm");
            Accessibility.check(page, "admin users");

            // An API key: its secret once, with a warning and a copy button; then revoked.
            page.locator("#nav-keys").click();
            var addKey = page.locator("section:has(#add-key)");
            addKey.getByLabel("Tên", new Locator.GetByLabelOptions().setExact(true)).fill("Cổng dịch vụ công");
            addKey.getByLabel("Nhập dữ liệu").check();
            addKey.getByLabel("Đọc dữ liệu").check();
            addKey.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Thêm")).click();
            assertThat(page.locator("#api-secret")).hasText(Pattern.compile("^hlk_\\S{20,}$"));
            assertThat(page.locator("#secret-panel")).containsText("chỉ hiện một lần");
            assertThat(page.locator("#secret-panel").getByRole(AriaRole.BUTTON,
                    new Locator.GetByRoleOptions().setName("Sao chép"))).isVisible();
            var secret = page.locator("#api-secret").textContent();
            Browser.screenshot(page, "admin-api-key-secret");
            Accessibility.check(page, "admin API keys, a new secret");
            page.locator("#nav-units").click();
            page.locator("#nav-keys").click();
            assertThat(page.locator("#view")).not().containsText(secret);
            var keyRow = page.locator("table tbody tr", new Page.LocatorOptions().setHasText("Cổng dịch vụ công"));
            assertThat(keyRow).containsText("Nhập dữ liệu, Đọc dữ liệu");
            keyRow.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Thu hồi")).click();
            page.locator("dialog.confirm").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Thu hồi")).click();
            assertThat(keyRow).containsText("Đã thu hồi");

            // One's own password.
            page.locator("#password-link").click();
            page.getByLabel("Mật khẩu hiện tại").fill("wrong-current-password");
            page.getByLabel("Mật khẩu mới", new Page.GetByLabelOptions().setExact(true)).fill("a-new-password-1");
            page.getByLabel("Nhập lại mật khẩu mới").fill("a-new-password-1");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Lưu")).click();
            assertThat(page.locator("#status")).containsText("currentPassword: is not your current password");
            Accessibility.check(page, "admin password, refused");
            org.assertj.core.api.Assertions.assertThat(errors).as("console errors besides the refused changes")
                    .allMatch(e -> e.matches("Failed to load resource: the server responded with a status of 422 .*"));
        }
    }

    @Test
    void an_analyst_reads_units_centres_services_and_questionnaires_but_is_offered_no_changes() {
        long sipas;
        try (var adminContext = browser.newContext()) {
            apiSignIn(adminContext, "admin", ADMIN_PASSWORD);
            api(adminContext, "POST", "/users", Map.of("username", "docgia", "password", "analyst-password-1",
                    "role", "analyst"));
            sipas = api(adminContext, "GET", "/questionnaires", null).get(0).get("versions").get(0).get("id").asLong();
        }
        try (var context = browser.newContext()) {
            var page = context.newPage();
            var errors = Browser.consoleErrors(page);
            signIn(page, "docgia", "analyst-password-1");
            assertThat(page.locator("#nav a")).hasText(new String[] {"Đơn vị", "Đường dẫn khảo sát", "Bộ câu hỏi",
                    "Trung tâm, quầy", "Thủ tục", "Phản ánh cần xử lý", "Mục tiêu", "Báo cáo định kỳ", "Thông báo"});
            assertThat(page.locator("#view form")).hasCount(0);
            for (var screen : List.of("links", "questionnaires", "centres", "catalogue")) {
                page.locator("#nav-" + screen).click();
                assertThat(page.locator("#view h1")).isVisible();
                assertThat(page.locator("#view section.panel")).hasCount(0);
                assertThat(page.locator("#view")).not().containsText("null");
            }
            // Scheduled reports: the digest to read, no sending.
            page.locator("#nav-reports").click();
            assertThat(page.locator("#view h1")).hasText("Báo cáo định kỳ");
            assertThat(page.locator("#rep-digest")).isVisible();
            assertThat(page.locator("#rep-send")).hasCount(0);
            page.navigate(base + "/admin/#/questionnaires/v/" + sipas);
            assertThat(page.locator("#view h1")).containsText("Phiên bản 1");
            assertThat(page.locator("[name='criteria[0].textVi']")).isDisabled();
            assertThat(page.locator("#view button:not([disabled])")).hasCount(0);
            for (var screen : List.of("devices", "audit", "users", "keys")) {
                page.navigate(base + "/admin/#/" + screen);
                assertThat(page.locator("#view h1")).hasText("Không được phép");
            }
            Browser.screenshot(page, "analyst-forbidden");
            Accessibility.check(page, "admin forbidden");
            org.assertj.core.api.Assertions.assertThat(errors).as("console errors").isEmpty();
        }
    }

    @Test
    void on_a_phone_every_admin_screen_fits_the_width_and_its_controls_take_a_finger() {
        long draft;
        long centre;
        try (var adminContext = browser.newContext()) {
            apiSignIn(adminContext, "admin", ADMIN_PASSWORD);
            var unit = api(adminContext, "POST", "/units", Map.of("code", "DT", "nameVi", "Xã Điện Thoại", "kind", "commune"))
                    .get("id").asLong();
            centre = api(adminContext, "POST", "/centres", Map.of("code", "DT-C", "unitId", unit,
                    "nameVi", "Bộ phận Một cửa xã Điện Thoại")).get("id").asLong();
            draft = api(adminContext, "POST", "/questionnaires", Map.of("code", "PHONE", "nameVi", "Phiếu trên điện thoại",
                    "preset", "KIOSK")).get("versions").get(0).get("id").asLong();
        }
        try (var context = browser.newContext()) {
            var page = context.newPage();
            var errors = Browser.consoleErrors(page);
            page.navigate(base + "/login.html");
            onPhoneAndLaptop(page, "login");
            signIn(page, "admin", ADMIN_PASSWORD);
            var screens = new java.util.LinkedHashMap<String, String>();
            for (var screen : List.of("units", "centres", "catalogue", "questionnaires", "users", "keys", "audit", "password",
                    "devices", "reports")) {
                screens.put(screen, screen);
            }
            screens.put("centre", "centres/" + centre);
            screens.put("questionnaire draft", "questionnaires/v/" + draft);
            screens.forEach((name, path) -> {
                page.navigate(base + "/admin/#/" + path);
                page.reload();
                assertThat(page.locator("#view h1")).isVisible();
                assertThat(page.locator("#view")).not().containsText("null");
                onPhoneAndLaptop(page, "admin " + name);
            });
            page.navigate(base + "/admin/#/devices");
            page.reload();
            var addDevice = page.locator("section:has(#add-device)");
            addDevice.getByLabel("Trung tâm").selectOption(new SelectOption().setLabel("Bộ phận Một cửa xã Điện Thoại (DT-C)"));
            addDevice.getByLabel("Tên thiết bị").fill("Kiosk điện thoại");
            addDevice.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Thêm")).click();
            assertThat(page.locator("#enrolment-code")).isVisible();
            onPhoneAndLaptop(page, "admin devices enrolment");
            org.assertj.core.api.Assertions.assertThat(errors).as("console errors").isEmpty();
        }
    }

    /** Last: the throttle counts failures per client address too, and every test here comes from the same one. */
    @Test
    @Order(Integer.MAX_VALUE)
    void a_wrong_password_is_refused_with_a_message_and_repeated_failures_are_throttled() {
        try (var context = browser.newContext()) {
            var page = context.newPage();
            var errors = Browser.consoleErrors(page);
            page.navigate(base + "/login.html?next=/admin/%23/audit");
            assertThat(page.locator("h1")).hasText("Đăng nhập");
            Accessibility.check(page, "login");
            page.getByLabel("Tên đăng nhập").fill("khach"); // not admin: the throttle also counts by user name
            page.getByLabel("Mật khẩu").fill("not the password");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Đăng nhập")).click();
            assertThat(page.locator("#message")).hasText("Sai tên đăng nhập hoặc mật khẩu.");
            Browser.screenshot(page, "login-wrong-password");
            Accessibility.check(page, "login, wrong password");
            for (int i = 0; i < 5; i++) {
                page.getByLabel("Mật khẩu").fill("still not the password " + i);
                page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Đăng nhập")).click();
                assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Đăng nhập"))).isEnabled();
            }
            assertThat(page.locator("#message")).containsText("Đăng nhập sai quá nhiều lần; thử lại sau");
            assertThat(page.locator("#message")).containsText("Too many failed sign-ins");
            page.locator("#lang").click();
            assertThat(page.locator("h1")).hasText("Sign in");
            assertThat(page.locator("#message")).hasText(Pattern.compile("^Too many failed sign-ins; try again in \\d+ seconds\\.$"));
            Browser.screenshot(page, "login-throttled");
            Accessibility.check(page, "login in English, throttled");
            org.assertj.core.api.Assertions.assertThat(errors).as("console errors besides the refusals")
                    .allMatch(e -> e.matches("Failed to load resource: the server responded with a status of (401|429) .*"));
        }
    }

    /** The page as it is, on a laptop (1366 px) and on a phone (390 px): WCAG 2.1 AA, no sideways scrolling, big enough controls. */
    private static void onPhoneAndLaptop(Page page, String state) {
        var name = state.replace(' ', '-');
        page.setViewportSize(1366, 900);
        Browser.screenshot(page, name + "-1366");
        page.setViewportSize(390, 844);
        Accessibility.check(page, state + " at 390 px");
        Accessibility.checkReflow(page, state + " at 390 px");
        Accessibility.checkTouchTargets(page, state + " at 390 px");
        Browser.screenshot(page, name + "-390");
    }

    private static com.microsoft.playwright.options.FilePayload csv(String name, String text) {
        return new com.microsoft.playwright.options.FilePayload(name, "text/csv",
                text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static void publish(Page page) {
        page.locator("#publish").click();
        var dialog = page.locator("dialog.confirm");
        assertThat(dialog).containsText("Phiên bản đã công bố sẽ không bao giờ thay đổi được nữa.");
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Công bố")).click();
        assertThat(page.locator("#status")).containsText("Đã công bố phiên bản");
    }

    /** Nothing the server sent became markup: no injected image or script, and the flag stays unset. */
    private static void assertLiteral(Page page) {
        org.assertj.core.api.Assertions.assertThat(page.evaluate("() => typeof window.__xss")).isEqualTo("undefined");
        assertThat(page.locator("#view img[src='x'], #view script")).hasCount(0);
    }

    private static void signIn(Page page, String username, String password) {
        page.navigate(base + "/login.html");
        page.getByLabel("Tên đăng nhập").fill(username);
        page.getByLabel("Mật khẩu").fill(password);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Đăng nhập")).click();
        page.waitForURL(Pattern.compile(Pattern.quote(base) + "/admin/#/.+"));
        assertThat(page.locator("#view h1")).isVisible();
    }


    /** GET from inside the page, with its cookie: {status, body}. */
    private static JsonNode fetchFromPage(Page page, String path) {
        var result = page.evaluate("async (path) => { const r = await fetch(path);"
                + " return JSON.stringify({ status: r.status, body: await r.text() }); }", path);
        return read((String) result);
    }

    private static void apiSignIn(BrowserContext context, String username, String password) {
        var response = context.request().post(base + "/api/v1/session", RequestOptions.create()
                .setHeader("Content-Type", "application/json")
                .setData(write(Map.of("username", username, "password", password))));
        org.assertj.core.api.Assertions.assertThat(response.status()).isEqualTo(200);
    }

    /** Calls the API with the context's session cookie and its CSRF token; fails the test on an error. */
    private static JsonNode api(BrowserContext context, String method, String path, Object body) {
        var csrf = read(context.request().get(base + "/api/v1/session").text()).get("csrfToken").asText();
        var options = RequestOptions.create().setMethod(method).setHeader("X-CSRF-Token", csrf);
        if (body != null) {
            options.setHeader("Content-Type", "application/json").setData(write(body));
        }
        var response = context.request().fetch(base + "/api/v1" + path, options);
        org.assertj.core.api.Assertions.assertThat(response.ok()).as(method + " " + path + ": " + response.text()).isTrue();
        return read(response.text());
    }

    private static String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode read(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(text, e);
        }
    }
}
