package vn.hailong.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeviceCookiesTest {
    final DeviceCookies devices = new DeviceCookies();

    @Test
    void a_cookie_proves_the_name_it_was_issued_for_whatever_its_case_and_no_other() {
        var cookie = devices.issue("Lan");
        var device = devices.device(cookie, "lan");
        assertThat(device).hasValueSatisfying(nonce -> assertThat(cookie).startsWith(nonce + "."));
        assertThat(devices.device(devices.issue("lan"), "lan")).as("each sign-in, another device id").isNotEqualTo(device);
        assertThat(devices.device(cookie, "hoa")).isEmpty();
    }

    @Test
    void a_tampered_malformed_or_other_process_cookie_proves_nothing() {
        var cookie = devices.issue("lan");
        var last = cookie.charAt(cookie.length() - 1);
        assertThat(devices.device(cookie.substring(0, cookie.length() - 1) + (last == 'A' ? 'B' : 'A'), "lan")).isEmpty();
        assertThat(devices.device(null, "lan")).isEmpty();
        assertThat(devices.device("", "lan")).isEmpty();
        assertThat(devices.device("no-dot", "lan")).isEmpty();
        assertThat(devices.device(".", "lan")).isEmpty();
        assertThat(new DeviceCookies().device(cookie, "lan")).as("after a restart").isEmpty();
    }

    @Test
    void a_cookie_for_a_name_ending_in_a_bar_and_another_name_does_not_prove_that_other_name() {
        var cookie = devices.issue("x|lan");
        var dot = cookie.indexOf('.');
        var shifted = cookie.substring(0, dot) + "|x" + cookie.substring(dot);
        assertThat(devices.device(shifted, "lan")).isEmpty();
    }
}
