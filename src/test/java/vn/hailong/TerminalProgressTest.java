package vn.hailong;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class TerminalProgressTest {
    @Test
    void on_a_terminal_one_line_is_rewritten_in_place_and_cleared_at_the_end() {
        var bytes = new ByteArrayOutputStream();
        try (var progress = new TerminalProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), true)) {
            progress.at("responses.csv, checking", 120_000, "rows");
            progress.at("responses.csv, checking", 120_001, "rows"); // within a quarter of a second: not shown
        }
        assertThat(bytes.toString(StandardCharsets.UTF_8))
                .isEqualTo("\rresponses.csv, checking: 120,000 rows\u001b[K\r\u001b[K");
    }

    @Test
    void into_a_file_or_a_pipe_nothing_is_shown() {
        var bytes = new ByteArrayOutputStream();
        try (var progress = TerminalProgress.on(new PrintStream(bytes, true, StandardCharsets.UTF_8))) {
            progress.at("reading responses", 10_000, "read");
        }
        assertThat(System.console()).as("the tests run without a terminal").isNull();
        assertThat(bytes.size()).isZero();
    }
}
