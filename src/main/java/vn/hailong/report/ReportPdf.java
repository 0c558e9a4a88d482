package vn.hailong.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;

/**
 * A report as a PDF: its XHTML ({@link ReportHtml}) laid out on A4 by openhtmltopdf, with DejaVu Serif (which has every
 * Vietnamese letter) embedded from the jar, so the file reads the same on any computer.
 */
public final class ReportPdf {
    static final String FONTS = "/report/fonts/";
    static final String FAMILY = "DejaVu Serif";

    private ReportPdf() {
    }

    public static byte[] render(Report report) {
        var html = ReportHtml.of(report);
        var out = new ByteArrayOutputStream();
        var builder = new PdfRendererBuilder();
        builder.useFastMode();
        font(builder, "DejaVuSerif.ttf", 400, FontStyle.NORMAL);
        font(builder, "DejaVuSerif-Bold.ttf", 700, FontStyle.NORMAL);
        font(builder, "DejaVuSerif-Italic.ttf", 400, FontStyle.ITALIC);
        builder.withHtmlContent(html, null);
        builder.toStream(out);
        try {
            builder.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void font(PdfRendererBuilder builder, String file, int weight, FontStyle style) {
        builder.useFont(() -> ReportPdf.class.getResourceAsStream(FONTS + file), FAMILY, weight, style, true);
    }
}
