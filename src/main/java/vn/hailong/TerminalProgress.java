package vn.hailong;

import java.io.PrintStream;
import java.util.Locale;

/**
 * How far a long command has got, on a terminal: one line rewritten in place a few times a second ("checking:
 * 120,000 rows"), cleared at the end. Nothing when the output goes to a file or a pipe, where a log has no use for it.
 */
public final class TerminalProgress implements AutoCloseable {
    private static final long EVERY_NANOS = 250_000_000L;

    private final PrintStream out;
    private final boolean shown;
    private long lastShown;
    private boolean printed;

    TerminalProgress(PrintStream out, boolean shown) {
        this.out = out;
        this.shown = shown;
    }

    /** Progress on {@code out} when this process runs on a terminal. */
    public static TerminalProgress on(PrintStream out) {
        return new TerminalProgress(out, System.console() != null);
    }

    /** Shows "phase: n unit", at most four times a second. */
    public void at(String phase, long n, String unit) {
        long now = System.nanoTime();
        if (!shown || printed && now - lastShown < EVERY_NANOS) {
            return;
        }
        lastShown = now;
        printed = true;
        out.printf(Locale.ROOT, "\r%s: %,d %s\u001b[K", phase, n, unit);
        out.flush();
    }

    /** Clears the line, so what the command prints next starts clean. */
    @Override
    public void close() {
        if (printed) {
            out.print("\r\u001b[K");
            out.flush();
        }
    }
}
