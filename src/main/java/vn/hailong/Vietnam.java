package vn.hailong;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/** Vietnam's calendar, the one every day, month and year of the product is counted in (UTC+7, no summer time). */
public final class Vietnam {
    public static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");

    private Vietnam() {
    }

    /** The day, in Vietnam, of an instant. */
    public static LocalDate day(OffsetDateTime at) {
        return at.atZoneSameInstant(ZONE).toLocalDate();
    }

    /** The instant a day begins in Vietnam. */
    public static OffsetDateTime start(LocalDate day) {
        return day.atStartOfDay(ZONE).toOffsetDateTime();
    }

    /** Today in Vietnam. */
    public static LocalDate today() {
        return LocalDate.now(ZONE);
    }
}
