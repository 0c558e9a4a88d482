package vn.hailong.qr;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import javax.imageio.ImageIO;

import io.javalin.http.Context;
import io.nayuki.qrcodegen.QrCode;
import vn.hailong.http.Invalid;

/** GET /api/v1/qr?text=…&format=svg|png&size=N: a QR code for a link, to print or show on a screen. */
public final class QrApi {
    static final int MAX_TEXT = 1000;
    static final int MAX_PNG_SIDE = 2400;

    public void get(Context ctx) {
        var text = ctx.queryParam("text");
        if (text == null || text.isBlank()) {
            throw Invalid.field("text", "is required: the link or text to encode");
        }
        if (text.length() > MAX_TEXT) {
            throw Invalid.field("text", "is longer than " + MAX_TEXT + " characters");
        }
        var format = ctx.queryParamAsClass("format", String.class).getOrDefault("svg");
        var qr = QrCode.encodeText(text, QrCode.Ecc.MEDIUM);
        ctx.header("Cache-Control", "public, max-age=86400");
        switch (format) {
            case "svg" -> ctx.contentType("image/svg+xml").result(svg(qr, 4));
            case "png" -> {
                // Javalin runs the check on a missing value too (as null), before the default applies.
                int scale = ctx.queryParamAsClass("scale", Integer.class)
                        .check(s -> s == null || s >= 1 && s <= 40, "must be from 1 to 40").getOrDefault(8);
                // A public endpoint must not be made to paint huge images: cap the side at MAX_PNG_SIDE pixels.
                if ((qr.size + 8) * scale > MAX_PNG_SIDE) {
                    throw Invalid.field("scale", "makes an image wider than " + MAX_PNG_SIDE + " pixels for this text;"
                            + " use a smaller scale or the SVG format");
                }
                ctx.contentType("image/png").result(png(qr, scale, 4));
            }
            default -> throw Invalid.field("format", "must be svg or png");
        }
    }

    static String svg(QrCode qr, int border) {
        var sb = new StringBuilder();
        int size = qr.size + border * 2;
        sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" viewBox=\"0 0 ")
                .append(size).append(' ').append(size).append("\" stroke=\"none\">")
                .append("<rect width=\"100%\" height=\"100%\" fill=\"#FFFFFF\"/><path d=\"");
        for (int y = 0; y < qr.size; y++) {
            for (int x = 0; x < qr.size; x++) {
                if (qr.getModule(x, y)) {
                    sb.append('M').append(x + border).append(',').append(y + border).append("h1v1h-1z");
                }
            }
        }
        return sb.append("\" fill=\"#000000\"/></svg>").toString();
    }

    static byte[] png(QrCode qr, int scale, int border) {
        int size = (qr.size + border * 2) * scale;
        var image = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_BINARY);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                boolean dark = qr.getModule(x / scale - border, y / scale - border);
                image.setRGB(x, y, dark ? 0x000000 : 0xFFFFFF);
            }
        }
        try (var out = new ByteArrayOutputStream()) {
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
