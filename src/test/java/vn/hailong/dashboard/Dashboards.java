package vn.hailong.dashboard;

import java.util.List;
import java.util.regex.Pattern;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import vn.hailong.TestApp;
import vn.hailong.TestDatabase;
import vn.hailong.demo.DemoProvince;

/** What the dashboard's browser tests share: signing in on the way to a view, and waiting for the view to be drawn. */
final class Dashboards {
    private Dashboards() {
    }

    /** The application on a database of its own, filled with the demo province up to 2025. */
    static TestApp demoProvince() {
        var app = TestApp.start(TestApp.settings(TestDatabase.fresh()));
        try (var dsl = app.dsl()) {
            new DemoProvince(dsl).fillIfEmpty(DemoProvince.DEFAULT_SEED, 2025);
        }
        return app;
    }

    /**
     * Opens {@code path} (the dashboard or the report, with its query) signed out, signs in where it sends the browser,
     * and waits until the view is drawn. The 401 of the signed-out first visit is expected: errors logged so far are
     * forgotten.
     */
    static void signIn(Page page, String base, String path, List<String> errors, String username, String password) {
        page.navigate(base + path);
        page.waitForURL(Pattern.compile(".*/login\\.html\\?next=.*"));
        page.getByLabel("Tên đăng nhập").fill(username);
        page.getByLabel("Mật khẩu").fill(password);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Đăng nhập")).click();
        page.waitForURL(Pattern.compile(Pattern.quote(base) + path.replaceAll("\\?.*", "") + ".*"));
        waitReady(page);
        errors.clear();
    }

    /** The first view after the demo fill reads every rollup of a year eight ways: on a busy 2-core machine it takes a while. */
    static void waitReady(Page page) {
        page.waitForSelector("body[data-state='ready']", new Page.WaitForSelectorOptions().setTimeout(90_000));
    }
}
