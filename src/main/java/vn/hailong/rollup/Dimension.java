package vn.hailong.rollup;

/** The ways an analytics answer can be split into groups. */
public enum Dimension {
    UNIT, SERVICE, CENTRE, CHANNEL, YEAR, QUARTER, MONTH;

    /** The cut of the rollups that keeps this dimension; empty for the unit and the periods, which every row has. */
    java.util.Optional<Aggregate.Cut> cut() {
        return switch (this) {
            case SERVICE -> java.util.Optional.of(Aggregate.Cut.SERVICE);
            case CENTRE -> java.util.Optional.of(Aggregate.Cut.CENTRE);
            case CHANNEL -> java.util.Optional.of(Aggregate.Cut.CHANNEL);
            default -> java.util.Optional.empty();
        };
    }
}
