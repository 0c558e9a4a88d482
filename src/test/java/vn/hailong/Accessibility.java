package vn.hailong;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.Page;

/**
 * What a page shows right now, checked against WCAG 2.1 A and AA by axe-core (bundled in its jar and injected by
 * Playwright, past the pages' CSP), and on a phone for sideways scrolling and small touch targets; each check prints
 * one line with its counts and the run's totals so far.
 *
 * <pre>{@code
 * Accessibility.check(page, "login");                                       // the whole page
 * Accessibility.check(page, "api", axe -> axe.exclude("#swagger-ui"));      // only what is ours
 * Accessibility.checkReflow(page, "login at 390 px");                      // no sideways scrolling
 * Accessibility.checkTouchTargets(page, "login at 390 px");                // controls of 44 × 44 px or more
 * }</pre>
 */
public final class Accessibility {
    /** WCAG 2.0 and 2.1, levels A and AA. */
    public static final List<String> WCAG_21_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");
    /** WCAG 2.5.5's target size, and what a finger needs on a phone. */
    public static final int TOUCH_TARGET_PX = 44;

    private static final AtomicInteger checks = new AtomicInteger();
    private static final AtomicInteger passes = new AtomicInteger();
    private static final AtomicInteger violations = new AtomicInteger();

    private Accessibility() {
    }

    /** Fails the test with every violation axe finds on the page as it is now; {@code state} names it in the output. */
    public static void check(Page page, String state) {
        check(page, state, UnaryOperator.identity());
    }

    /** As {@link #check(Page, String)}, with the run narrowed (include, exclude) by {@code scope}. */
    public static void check(Page page, String state, UnaryOperator<AxeBuilder> scope) {
        var results = scope.apply(new AxeBuilder(page).withTags(WCAG_21_AA)).analyze();
        if (results.isErrored()) {
            throw new AssertionError("axe could not check " + state + ": " + results.getErrorMessage());
        }
        var found = results.getViolations();
        checks.incrementAndGet();
        passes.addAndGet(results.getPasses().size());
        violations.addAndGet(found.size());
        var review = results.getIncomplete().stream().map(Rule::getId).toList();
        System.out.printf(Locale.ROOT, "axe %-40s %3d rules passed, %d violated   (so far: %d checks, %d passed, %d violated)%s%n",
                state + ":", results.getPasses().size(), found.size(), checks.get(), passes.get(), violations.get(),
                review.isEmpty() ? "" : "; for a person to judge: " + String.join(", ", review));
        if (!found.isEmpty()) {
            var report = new StringBuilder(state + " (" + page.url() + ") breaks " + found.size() + " WCAG 2.1 AA rule(s):");
            for (var rule : found) {
                report.append("\n- ").append(rule.getId()).append(" (").append(rule.getImpact()).append("): ")
                        .append(rule.getHelp());
                for (var node : rule.getNodes()) {
                    report.append("\n    ").append(node.getTarget());
                    if (node.getFailureSummary() != null) {
                        report.append(" — ").append(node.getFailureSummary().replace("\n", " ").trim());
                    }
                }
            }
            throw new AssertionError(report.toString());
        }
    }

    /** Fails the test when the page scrolls sideways at its viewport's width (WCAG 1.4.10: content reflows). */
    public static void checkReflow(Page page, String state) {
        var widths = (List<?>) page.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        var content = ((Number) widths.get(0)).intValue();
        var viewport = ((Number) widths.get(1)).intValue();
        System.out.printf(Locale.ROOT, "reflow %-37s %d px of content in %d px%n", state + ":", content, viewport);
        if (content > viewport) {
            throw new AssertionError(state + ": the page is " + content + " px wide in a " + viewport
                    + " px viewport, so it scrolls sideways");
        }
    }

    /**
     * Fails the test when a visible control (button, form field, link styled as a button, a navigation link) is
     * smaller than {@link #TOUCH_TARGET_PX} in either direction. A checkbox or radio button counts with its label,
     * which takes the tap too; links inside running text are exempt, as WCAG exempts them.
     */
    public static void checkTouchTargets(Page page, String state) {
        checkTouchTargets(page, state, ":root");
    }

    /** As {@link #checkTouchTargets(Page, String)}, for the controls inside the elements {@code within} selects. */
    public static void checkTouchTargets(Page page, String state, String within) {
        @SuppressWarnings("unchecked")
        var small = (List<String>) page.evaluate("""
                ([min, within]) => {
                  const controls = [...document.querySelectorAll(within)].flatMap((root) => [...root.querySelectorAll(
                    'button, select, textarea, input:not([type=hidden]), a.button, nav a, [role=button], summary')]);
                  const out = [];
                  for (const c of controls) {
                    let box = c.getBoundingClientRect();
                    if (box.width === 0 && box.height === 0) continue; // not shown
                    if (c.matches('input[type=checkbox], input[type=radio]')) {
                      const label = c.closest('label') ?? (c.id ? document.querySelector(`label[for="${c.id}"]`) : null);
                      const row = label?.parentElement?.matches('.field, .check') ? label.parentElement : label;
                      if (row) box = row.getBoundingClientRect();
                    }
                    if (box.width < min - 0.5 || box.height < min - 0.5) {
                      const name = (c.getAttribute('aria-label') ?? c.textContent ?? '').trim().replace(/\\s+/g, ' ').slice(0, 40);
                      out.push(`${c.tagName.toLowerCase()}${c.id ? '#' + c.id : ''} "${name}" ${Math.round(box.width)}×${Math.round(box.height)}`);
                    }
                  }
                  return out;
                }""", List.of(TOUCH_TARGET_PX, within));
        System.out.printf(Locale.ROOT, "touch targets %-30s %d smaller than %d px%n", state + ":", small.size(), TOUCH_TARGET_PX);
        if (!small.isEmpty()) {
            throw new AssertionError(state + ": controls smaller than " + TOUCH_TARGET_PX + " × " + TOUCH_TARGET_PX
                    + " px:\n  " + String.join("\n  ", small));
        }
    }
}
