package vn.hailong.stats;

import java.util.Optional;

/** How a questionnaire's answers become criterion figures and an index; the database stores {@link #code()}. */
public enum Methodology {
    /** Vietnam's SIPAS: share of levels 4–5 on 5 levels, mean within element, mean of elements. */
    SIPAS(5),
    /** Indonesia's IKM (PermenPAN-RB 14/2017): mean score on 4 levels, mean of element means × 25, graded A–D. */
    IKM(4),
    /** UN SDG 16.6.2: share of the top two of 4 levels, simple mean over the attributes. */
    SDG16_6_2(4),
    /** UK/ACSI-style mean score rescaled to 0–100 on k levels. */
    MEAN_SCORE(5),
    /** One-stop-shop per-dossier rating on 3 levels: share of the top two. */
    DOSSIER3(3);

    private final int defaultLevels;

    Methodology(int defaultLevels) {
        this.defaultLevels = defaultLevels;
    }

    /** The preset a questionnaire names by its stored code, e.g. {@code "SIPAS"}. */
    public static Methodology fromCode(String code) {
        for (Methodology m : values()) {
            if (m.name().equals(code)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown methodology code: " + code);
    }

    public String code() {
        return name();
    }

    int defaultLevels() {
        return defaultLevels;
    }

    /**
     * The value in [0, 1] an answer at {@code level} (1..levels) contributes to criterion figures and indices.
     * Every figure is a weighted mean of these values, shown ×100, so all presets share the same weighting,
     * uncertainty and comparison machinery.
     */
    double value(int level, int levels) {
        return switch (this) {
            case SIPAS, SDG16_6_2, DOSSIER3 -> satisfied(level, levels) ? 1 : 0;
            // NRR × 25 on a 4-level scale is level / 4 × 100.
            case IKM -> (double) level / levels;
            case MEAN_SCORE -> (level - 1) / (double) (levels - 1);
        };
    }

    /** Whether an answer counts as satisfied: the top two levels, for every preset. */
    boolean satisfied(int level, int levels) {
        return level >= levels - 1;
    }

    /** Whether a criterion's figure is a share satisfied (its interval then Wilson's), not a mean score. */
    public boolean sharesSatisfied() {
        return this == SIPAS || this == SDG16_6_2 || this == DOSSIER3;
    }

    /** The grade an index (0–100) earns, for presets that grade; IKM only. */
    Optional<String> band(double index) {
        if (this != IKM) {
            return Optional.empty();
        }
        if (index >= 88.31) {
            return Optional.of("A");
        }
        if (index >= 76.61) {
            return Optional.of("B");
        }
        return Optional.of(index >= 65.00 ? "C" : "D");
    }
}
