package vn.hailong.stats;

import java.util.Collection;
import java.util.List;

/** Empirical-Bayes shrinkage of group indices towards their common mean: Î* = μ + B (Î − μ), B = τ² / (τ² + SE²). */
record Shrinkage(double tau2, double mu) {

    /**
     * τ² by DerSimonian–Laird over the groups and μ their precision-weighted mean, with weights 1 / (SE² + τ²).
     * Groups with SE = 0 carry no sampling error to shrink away: they keep their index and stay out of the fit.
     */
    static Shrinkage fit(Collection<Estimate> groups) {
        List<Estimate> usable = groups.stream().filter(e -> e.se() > 0).toList();
        if (usable.isEmpty()) {
            double mean = groups.stream().mapToDouble(Estimate::value).average().orElse(0);
            return new Shrinkage(0, mean);
        }
        double sw = 0;
        double sw2 = 0;
        double swy = 0;
        for (Estimate e : usable) {
            double w = 1 / (e.se() * e.se());
            sw += w;
            sw2 += w * w;
            swy += w * e.value();
        }
        double fixedMean = swy / sw;
        double q = 0;
        for (Estimate e : usable) {
            double dev = e.value() - fixedMean;
            q += dev * dev / (e.se() * e.se());
        }
        double denominator = sw - sw2 / sw;
        double tau2 = denominator > 0 ? Math.max(0, (q - (usable.size() - 1)) / denominator) : 0;
        double rw = 0;
        double rwy = 0;
        for (Estimate e : usable) {
            double w = 1 / (e.se() * e.se() + tau2);
            rw += w;
            rwy += w * e.value();
        }
        return new Shrinkage(tau2, rwy / rw);
    }

    /** B = τ² / (τ² + SE²): 1 keeps the group's own index, 0 replaces it by μ. */
    double factor(Estimate group) {
        double v = group.se() * group.se();
        return v == 0 ? 1 : tau2 / (tau2 + v);
    }

    double shrink(Estimate group) {
        return mu + factor(group) * (group.value() - mu);
    }
}
