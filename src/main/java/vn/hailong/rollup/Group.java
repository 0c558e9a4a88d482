package vn.hailong.rollup;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;

/**
 * One group of an analytics answer: its value of each dimension it is split by, null for the others. A service or
 * centre of 0 is the group of responses given without one. Periods read as in the answers: a year 2025, a quarter
 * "2025-Q1", a month "2025-03". Groups sort by their dimensions in the order asked for, each ascending.
 */
public record Group(Long unit, Long service, Long centre, String channel, Integer year, String quarter, String month) {

    public static final Group ALL = new Group(null, null, null, null, null, null, null);

    /** The group of a row or response with these values, split by {@code dimensions}. */
    static Group of(List<Dimension> dimensions, long unit, long service, long centre, String channel, LocalDate day) {
        return new Group(
                dimensions.contains(Dimension.UNIT) ? unit : null,
                dimensions.contains(Dimension.SERVICE) ? service : null,
                dimensions.contains(Dimension.CENTRE) ? centre : null,
                dimensions.contains(Dimension.CHANNEL) ? channel : null,
                dimensions.contains(Dimension.YEAR) ? day.getYear() : null,
                dimensions.contains(Dimension.QUARTER) ? day.getYear() + "-Q" + ((day.getMonthValue() + 2) / 3) : null,
                dimensions.contains(Dimension.MONTH) ? String.format("%d-%02d", day.getYear(), day.getMonthValue())
                        : null);
    }

    /** This group's value of a dimension: a unit, service or centre id, a channel, or a period as answers show it. */
    public Object value(Dimension dimension) {
        return switch (dimension) {
            case UNIT -> unit;
            case SERVICE -> service;
            case CENTRE -> centre;
            case CHANNEL -> channel;
            case YEAR -> year;
            case QUARTER -> quarter;
            case MONTH -> month;
        };
    }

    /** The same group counted under another unit (a split's share counted under a successor). */
    Group withUnit(Long other) {
        return new Group(other, service, centre, channel, year, quarter, month);
    }

    /** The same group without its periods: one group's series over time. */
    public Group withoutPeriod() {
        return new Group(unit, service, centre, channel, null, null, null);
    }

    /** Orders groups by the dimensions given, in that order, each ascending. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static Comparator<Group> order(List<Dimension> dimensions) {
        return (a, b) -> {
            for (var d : dimensions) {
                int c = ((Comparable) a.value(d)).compareTo(b.value(d));
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        };
    }
}
