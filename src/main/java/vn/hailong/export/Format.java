package vn.hailong.export;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;
import java.util.Map;

import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;

/** The files a table downloads as: CSV (UTF-8 with a BOM, so Excel shows Vietnamese) or XLSX. */
public enum Format {
    CSV("text/csv; charset=utf-8", "csv"),
    XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx");

    private final String contentType;
    private final String extension;

    Format(String contentType, String extension) {
        this.contentType = contentType;
        this.extension = extension;
    }

    String contentType() {
        return contentType;
    }

    String extension() {
        return extension;
    }

    /** The format named by a request parameter; 400 naming the parameter when it is neither csv nor xlsx. */
    static Format parse(String parameter, String value) {
        var v = value.strip().toLowerCase(Locale.ROOT);
        for (var f : values()) {
            if (f.extension.equals(v)) {
                return f;
            }
        }
        throw new HttpResponseException(HttpStatus.BAD_REQUEST.getCode(),
                parameter + ": '" + value + "' is not a format; use csv or xlsx (or leave it out for JSON)",
                Map.of("field", parameter));
    }

    /** A sheet writing to out. */
    SheetFile open(OutputStream out, String title) throws IOException {
        return this == CSV ? new CsvSheet(out) : new XlsxSheet(out, title);
    }
}
