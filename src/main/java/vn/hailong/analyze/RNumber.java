package vn.hailong.analyze;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * A number printed as R's {@code write.csv} prints it: 15 significant digits, no trailing zeros, {@code NA} for a
 * missing value; being a {@link Number} it is left unquoted by the CSV printer.
 */
final class RNumber extends Number {

    private static final long serialVersionUID = 1L;
    private static final MathContext DIGITS = new MathContext(15, RoundingMode.HALF_EVEN);

    static final RNumber NA = new RNumber(Double.NaN);

    private final double value;

    private RNumber(double value) {
        this.value = value;
    }

    static RNumber of(double value) {
        return new RNumber(value);
    }

    @Override
    public String toString() {
        if (Double.isNaN(value)) {
            return "NA";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "Inf" : "-Inf";
        }
        return new BigDecimal(value).round(DIGITS).stripTrailingZeros().toPlainString();
    }

    @Override
    public int intValue() {
        return (int) value;
    }

    @Override
    public long longValue() {
        return (long) value;
    }

    @Override
    public float floatValue() {
        return (float) value;
    }

    @Override
    public double doubleValue() {
        return value;
    }
}
