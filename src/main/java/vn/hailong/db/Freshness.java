package vn.hailong.db;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

import io.javalin.http.Context;
import vn.hailong.Vietnam;

/**
 * Where a request's figures were read and how old they may be: on the primary (always current), or on the hot standby
 * of DATABASE_READ_URL, which holds every transaction committed up to {@code asOf} and is {@code lagSeconds} behind
 * (docs/scaling.md, "Reading from a standby"). The analytics answers carry it in headers; the dashboard and the report
 * say it in words from {@link #NOTICEABLE_SECONDS} on.
 */
public record Freshness(boolean standby, long lagSeconds, Instant asOf) {
    /** From this lag on, the dashboard and the report PDF say the figures may be behind. */
    public static final long NOTICEABLE_SECONDS = 10;
    public static final String SOURCE_HEADER = "X-Data-Source";
    public static final String LAG_HEADER = "X-Data-Lag-Seconds";
    public static final String AS_OF_HEADER = "X-Data-As-Of";
    static final String ATTRIBUTE = "hailong.freshness";
    private static final DateTimeFormatter AS_OF = DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(Vietnam.ZONE);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm").withZone(Vietnam.ZONE);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy").withZone(Vietnam.ZONE);

    /** Read on the primary: nothing missing. */
    public static Freshness primary(Instant now) {
        return new Freshness(false, 0, now);
    }

    /** What the request was answered from, when a standby is configured and the request is one of the analytics'. */
    public static Optional<Freshness> of(Context ctx) {
        var reading = ctx.<ReadPool.Reading>attribute(ATTRIBUTE);
        return reading == null ? Optional.empty() : Optional.of(reading.freshness());
    }

    public boolean noticeable() {
        return standby && lagSeconds >= NOTICEABLE_SECONDS;
    }

    /** The headers' value for the as-of time: ISO 8601 in Vietnam's offset, to the second. */
    public String asOfHeader() {
        return AS_OF.format(asOf.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }

    /**
     * The sentence the report and the dashboard show: "Số liệu có thể chậm khoảng 2 phút so với dữ liệu mới nhất (cập
     * nhật đến 21:03 ngày 07/12/2026)."
     */
    public String sentence(boolean english) {
        var lag = Duration.ofSeconds(lagSeconds);
        String about;
        if (lagSeconds < 90) {
            about = english ? lagSeconds + " seconds" : lagSeconds + " giây";
        } else if (lagSeconds < 90 * 60) {
            long minutes = Math.round(lagSeconds / 60.0);
            about = english ? minutes + " minutes" : minutes + " phút";
        } else {
            long hours = Math.round(lag.toMinutes() / 60.0);
            about = english ? hours + (hours == 1 ? " hour" : " hours") : hours + " giờ";
        }
        return english
                ? "Figures may be about " + about + " behind the latest data (up to date as of " + TIME.format(asOf)
                        + " on " + DAY.format(asOf) + ")."
                : "Số liệu có thể chậm khoảng " + about + " so với dữ liệu mới nhất (cập nhật đến " + TIME.format(asOf)
                        + " ngày " + DAY.format(asOf) + ").";
    }
}
