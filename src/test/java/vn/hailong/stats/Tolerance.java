package vn.hailong.stats;

import static org.assertj.core.api.Assertions.assertThat;

/** The methodology's tolerance: relative error ≤ 1e-6, absolute ≤ 1e-9 near zero. */
public final class Tolerance {

    private Tolerance() {
    }

    public static void assertClose(String what, double actual, double expected) {
        double allowed = Math.max(1e-9, 1e-6 * Math.abs(expected));
        assertThat(Math.abs(actual - expected)).as("%s: %s against %s", what, actual, expected)
                .isLessThanOrEqualTo(allowed);
    }

    public static void assertClose(String what, double actual, String expected) {
        assertClose(what, actual, Double.parseDouble(expected));
    }
}
