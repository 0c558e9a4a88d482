package vn.hailong.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;

import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;

/**
 * Answers a request as a file when it asks for one with {@code ?format=csv|xlsx}: the Content-Type, an
 * attachment with a plain ASCII file name, and the table written straight to the response.
 */
public final class Download {
    static final String PARAMETER = "format";

    /** Writes the rows of one sheet; may throw IOException from the response stream. */
    @FunctionalInterface
    public interface Rows {
        void write(Sheet sheet) throws IOException;
    }

    private Download() {
    }

    /** The format asked for, or empty when the answer is JSON; 400 naming format for anything else. */
    public static Optional<Format> requested(Context ctx) {
        var value = ctx.queryParam(PARAMETER);
        if (value == null || value.isBlank() || value.strip().equalsIgnoreCase("json")) {
            return Optional.empty();
        }
        return Optional.of(Format.parse(PARAMETER, value));
    }

    /** The format asked for, where only a file can be the answer; 400 naming format when it is missing or unknown. */
    public static Format required(Context ctx) {
        var value = ctx.queryParam(PARAMETER);
        if (value == null || value.isBlank()) {
            throw new HttpResponseException(HttpStatus.BAD_REQUEST.getCode(), PARAMETER + ": is required: csv or xlsx",
                    Map.of("field", PARAMETER));
        }
        return Format.parse(PARAMETER, value);
    }

    /** Sends a table held in memory. */
    public static void send(Context ctx, Format format, String name, Table table) {
        stream(ctx, format, name, sheet -> {
            sheet.row(table.columns());
            for (var row : table.rows()) {
                sheet.row(row);
            }
        });
    }

    /** Streams rows as they are read; headers go out first, so check everything that can fail before. */
    public static void stream(Context ctx, Format format, String name, Rows rows) {
        ctx.contentType(format.contentType());
        ctx.header("Content-Disposition", "attachment; filename=\"" + fileName(name) + "." + format.extension() + "\"");
        SheetFile sheet = null;
        boolean written = false;
        try {
            sheet = format.open(ctx.outputStream(), sheetTitle(name));
            rows.write(sheet);
            written = true;
            sheet.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // most often the client went away mid-download
        } finally {
            if (sheet != null && !written) {
                sheet.discard();
            }
        }
    }

    /** Letters, digits, dot, dash and underscore only: safe in a header and on every file system. */
    static String fileName(String name) {
        var safe = name.replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("-{2,}", "-");
        return safe.isEmpty() ? "hailong" : safe;
    }

    private static String sheetTitle(String name) {
        int cut = name.indexOf('_');
        return cut > 0 ? name.substring(0, cut) : name;
    }
}
