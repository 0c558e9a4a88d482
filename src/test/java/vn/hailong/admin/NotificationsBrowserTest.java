package vn.hailong.admin;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import vn.hailong.Accessibility;
import vn.hailong.Browser;
import vn.hailong.TestApp;

/** "Thông báo": my e-mail and topics for everyone signed in; webhooks and the delivery log for admins. */
class NotificationsBrowserTest {
    static final Path SHOTS = Path.of("/tmp/shots-i26-notify");
    static TestApp app;
    static Browser browser;
    static String base;

    @BeforeAll
    static void start() throws Exception {
        app = TestApp.start();
        browser = new Browser();
        base = "http://localhost:" + app.app.port();
        Files.createDirectories(SHOTS);
        try (var dsl = app.dsl()) {
            dsl.execute("insert into unit (code, name_vi, kind) values ('STP', 'Sở Tư pháp', 'department')");
            dsl.execute("insert into app_user (username, display_name, password_hash, role, unit_id) select 'manager',"
                    + " 'Trưởng phòng', password_hash, 'agency_manager', (select id from unit where code = 'STP')"
                    + " from app_user where username = 'admin'");
        }
    }

    @AfterAll
    static void stop() {
        browser.close();
        app.close();
    }

    @Test
    void an_admin_chooses_topics_sends_a_test_registers_a_webhook_and_reads_the_delivery_log() {
        try (var context = browser.newContext()) {
            var page = context.newPage();
            var errors = Browser.consoleErrors(page);
            signIn(page, "admin");
            page.locator("#nav-notifications").click();
            assertThat(page.locator("#view h1")).hasText("Thông báo");
            var mine = page.locator("section:has(#nt-mine)");
            assertThat(mine).containsText("Máy chủ chưa được cấu hình gửi thư điện tử");
            assertThat(mine.locator("#send-test")).isDisabled();

            mine.getByLabel("Địa chỉ thư điện tử").fill("không phải địa chỉ");
            mine.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Lưu")).click();
            assertThat(page.locator("#status")).containsText("email");
            assertThat(mine.getByLabel("Địa chỉ thư điện tử")).hasAttribute("aria-invalid", "true");

            mine.getByLabel("Địa chỉ thư điện tử").fill("quan.tri@tinh.example.gov.vn");
            mine.getByLabel("Cảnh báo chỉ số hài lòng giảm").check();
            mine.getByLabel("Bản tin tổng hợp hằng tháng").check();
            mine.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Lưu")).click();
            assertThat(page.locator("#status")).containsText("Đã lưu");
            mine = page.locator("section:has(#nt-mine)");
            assertThat(mine.getByLabel("Cảnh báo chỉ số hài lòng giảm")).isChecked();
            assertThat(mine.getByLabel("Phản ánh mới cần xử lý")).not().isChecked();
            mine.locator("#send-test").click();
            assertThat(page.locator("#status")).containsText("Đã ghi thư thử đến quan.tri@tinh.example.gov.vn");

            var hooks = page.locator("section:has(#nt-hooks)");
            assertThat(hooks).containsText("Chưa có webhook nào.");
            var add = hooks.locator("form").last();
            add.getByLabel("Tên", new Locator.GetByLabelOptions().setExact(true)).fill("Hệ thống một cửa");
            add.getByLabel("Địa chỉ (URL)").fill("ftp://motcua.example.gov.vn/hook");
            add.getByLabel("Phản ánh mới cần xử lý").check();
            add.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Thêm")).click();
            assertThat(page.locator("#status")).containsText("url");
            add.getByLabel("Địa chỉ (URL)").fill("https://motcua.example.gov.vn/hooks/hailong");
            add.getByLabel("Cơ quan, đơn vị").selectOption(new com.microsoft.playwright.options.SelectOption().setLabel("STP · Sở Tư pháp"));
            add.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Thêm")).click();
            assertThat(page.locator("#status")).hasText("Đã thêm webhook “Hệ thống một cửa”.");
            var secret = page.locator("#webhook-secret");
            assertThat(secret).hasText(Pattern.compile("^whsec_[A-Za-z0-9_-]{40,}$"));
            assertThat(page.locator("#secret-panel")).containsText("chỉ hiện một lần");
            assertThat(page.locator("table.webhooks")).containsText("Hệ thống một cửa");
            assertThat(page.locator("table.webhooks")).containsText("Phản ánh");
            onPhoneAndLaptop(page, "notifications admin secret shown");
            page.setViewportSize(1366, 900);
            page.locator("#secret-panel").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Xong")).click();
            assertThat(page.locator("#secret-panel")).hasCount(0);

            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Gửi thử Hệ thống một cửa")).click();
            assertThat(page.locator("#status")).containsText("Đã ghi sự kiện thử cho webhook “Hệ thống một cửa”");

            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sửa Hệ thống một cửa")).click();
            var edit = page.locator("tr.editing form");
            edit.getByLabel("Tên", new Locator.GetByLabelOptions().setExact(true)).fill("Cổng dịch vụ công");
            edit.getByLabel("Cảnh báo chỉ số hài lòng giảm").check();
            edit.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Lưu")).click();
            assertThat(page.locator("table.webhooks")).containsText("Cổng dịch vụ công");
            assertThat(page.locator("table.webhooks")).containsText("Cảnh báo, Phản ánh");

            page.reload();
            var log = page.locator("table.delivery-log");
            assertThat(log.locator("tbody tr")).hasCount(2);
            assertThat(log).containsText("Thư thử");
            assertThat(log).containsText("Cổng dịch vụ công");
            assertThat(log).containsText("Đang chờ");
            onPhoneAndLaptop(page, "notifications admin");

            page.setViewportSize(1366, 900);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Ngừng hoạt động Cổng dịch vụ công")).click();
            page.locator("dialog.confirm").getByRole(AriaRole.BUTTON,
                    new Locator.GetByRoleOptions().setName("Ngừng hoạt động")).click();
            assertThat(page.locator("table.webhooks")).containsText("Ngừng hoạt động");
            assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Gửi thử Cổng dịch vụ công")))
                    .hasCount(0);

            page.locator("section:has(#nt-log) select[name=status]").selectOption("delivered");
            page.locator("section:has(#nt-log)").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Lọc")).click();
            assertThat(page.locator("section:has(#nt-log)")).containsText("Không có thông báo nào.");

            page.locator("#lang").click();
            assertThat(page.locator("#nt-mine")).hasText("My notifications");
            assertThat(page.locator("section:has(#nt-mine)")).containsText("Alerts: a satisfaction index fell");
            Accessibility.check(page, "notifications in English");
            shot(page, "notifications-admin-en-1366");
            org.assertj.core.api.Assertions.assertThat(errors)
                    .allMatch(e -> e.matches("Failed to load resource: the server responded with a status of 422 .*"));
        }
    }

    @Test
    void an_agency_manager_sees_only_their_own_choices() {
        try (var context = browser.newContext()) {
            var page = context.newPage();
            var errors = Browser.consoleErrors(page);
            signIn(page, "manager");
            page.locator("#nav-notifications").click();
            var mine = page.locator("section:has(#nt-mine)");
            assertThat(mine).containsText("Báo cáo định kỳ (PDF)");
            assertThat(mine).containsText("Báo cáo của cơ quan, đơn vị của bạn, gửi kèm thư dưới dạng tệp PDF.");
            assertThat(page.locator("#nt-hooks")).hasCount(0);
            assertThat(page.locator("#nt-log")).hasCount(0);
            assertThat(page.locator("#view")).not().containsText("null");
            mine.getByLabel("Địa chỉ thư điện tử").fill("truong.phong@stp.example.gov.vn");
            mine.getByLabel("Phản ánh mới cần xử lý").check();
            mine.getByLabel("Báo cáo định kỳ (PDF)").check();
            mine.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Lưu")).click();
            assertThat(page.locator("#status")).containsText("Đã lưu");
            onPhoneAndLaptop(page, "notifications manager");
            org.assertj.core.api.Assertions.assertThat(errors).isEmpty();
        }
    }

    private static void signIn(Page page, String username) {
        page.navigate(base + "/login.html");
        page.getByLabel("Tên đăng nhập").fill(username);
        page.getByLabel("Mật khẩu").fill("test-admin-password");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Đăng nhập")).click();
        page.waitForURL(Pattern.compile(Pattern.quote(base) + "/admin/#/.+"));
        assertThat(page.locator("#view h1")).isVisible();
    }

    private static void onPhoneAndLaptop(Page page, String state) {
        var name = state.replace(' ', '-');
        page.setViewportSize(1366, 900);
        Accessibility.check(page, state + " at 1366 px");
        shot(page, name + "-1366");
        page.setViewportSize(390, 844);
        Accessibility.check(page, state + " at 390 px");
        Accessibility.checkReflow(page, state + " at 390 px");
        Accessibility.checkTouchTargets(page, state + " at 390 px");
        shot(page, name + "-390");
    }

    private static void shot(Page page, String name) {
        Browser.screenshot(page, name);
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve(name + ".png")).setFullPage(true));
    }
}
