package vn.hailong.collect.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RoundMeanTest {

    @Test
    void meanAndStudentsInterval() {
        // R: t.test(c(1, 2, 3, 4, 5))$conf.int gives 1.036757 4.963243
        var m = RoundMean.of(1, 2, 3, 4, 5);
        assertEquals(3.0, m.mean(), 1e-12);
        assertEquals(1.036757, m.low(), 1e-6);
        assertEquals(4.963243, m.high(), 1e-6);
        assertEquals("3.0 % (95 % CI 1.0–5.0 %, 5 rounds: 1.0 2.0 3.0 4.0 5.0)", m.describe("%"));
    }

    @Test
    void verdictOnTheMeanAndTheInterval() {
        var m = RoundMean.of(1, 2, 3, 4, 5); // 3.0, interval 1.04–4.96
        assertEquals("PASS (target ≤ 5 %, the whole interval too)", m.verdict("≤", 5));
        assertEquals("PASS on the mean (target ≤ 4 %; the interval reaches 5.0 %)", m.verdict("≤", 4));
        assertEquals("FAIL (target ≤ 2 %)", m.verdict("≤", 2));
        assertEquals("PASS (target ≥ 1 %, the whole interval too)", m.verdict("≥", 1));
        assertEquals("PASS on the mean (target ≥ 2 %; the interval reaches 1.0 %)", m.verdict("≥", 2));
        assertEquals("FAIL (target ≥ 4 %)", m.verdict("≥", 4));
        assertThrows(IllegalArgumentException.class, () -> m.verdict("<", 4));
    }

    @Test
    void oneRoundHasNoInterval() {
        var m = RoundMean.of(24.5);
        assertEquals(24.5, m.mean());
        assertEquals(Double.NEGATIVE_INFINITY, m.low());
        assertEquals(Double.POSITIVE_INFINITY, m.high());
        assertThrows(IllegalArgumentException.class, RoundMean::of);
    }
}
