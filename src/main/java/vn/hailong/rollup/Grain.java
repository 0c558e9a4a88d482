package vn.hailong.rollup;

import java.time.LocalDate;

/** How long a period a rollup row sums: a day, a month or a year (Vietnam's calendar); its code is stored. */
public enum Grain {
    DAY(1), MONTH(2), YEAR(3);

    final short code;

    Grain(int code) {
        this.code = (short) code;
    }

    /** The first day of this grain's period holding {@code day}. */
    LocalDate start(LocalDate day) {
        return switch (this) {
            case DAY -> day;
            case MONTH -> day.withDayOfMonth(1);
            case YEAR -> day.withDayOfYear(1);
        };
    }

    /** The first day of the next period after the one starting at {@code start}. */
    LocalDate next(LocalDate start) {
        return switch (this) {
            case DAY -> start.plusDays(1);
            case MONTH -> start.plusMonths(1);
            case YEAR -> start.plusYears(1);
        };
    }

    /** The next finer grain; null for a day (finer than a day are the responses themselves). */
    Grain finer() {
        return switch (this) {
            case YEAR -> MONTH;
            case MONTH -> DAY;
            case DAY -> null;
        };
    }

    static Grain of(short code) {
        for (var grain : values()) {
            if (grain.code == code) {
                return grain;
            }
        }
        throw new IllegalArgumentException("no grain " + code);
    }
}
