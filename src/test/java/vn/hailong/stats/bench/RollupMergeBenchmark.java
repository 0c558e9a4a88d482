package vn.hailong.stats.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import vn.hailong.stats.Instrument;
import vn.hailong.stats.Response;
import vn.hailong.stats.StratumStatistics;
import vn.hailong.stats.SufficientStatistics;

/**
 * Merging 1,000,000 daily rollup rows (one agency × day × stratum each, SIPAS layout) into one group, as a
 * country-wide figure over a few years would. The rows cycle through a pool of 1,000 distinct ones so the data fit
 * in memory; every merge is the full addition of a row's arrays.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
public class RollupMergeBenchmark {

    static final int ROWS = 1_000_000;
    static final int POOL = 1_000;
    static final String[] STRATA = {"HT", "DD", "XD", "KD"};

    Instrument sipas;
    StratumStatistics[] pool;
    String[] stratum;

    @Setup
    public void setUp() {
        sipas = Instrument.sipas();
        SplittableRandom random = new SplittableRandom(7);
        pool = new StratumStatistics[POOL];
        stratum = new String[POOL];
        for (int p = 0; p < POOL; p++) {
            stratum[p] = STRATA[p % STRATA.length];
            SufficientStatistics.Builder day = SufficientStatistics.builder(sipas);
            for (int r = 0, n = 1 + random.nextInt(8); r < n; r++) {
                int[] levels = new int[sipas.criteria().size()];
                for (int i = 0; i < levels.length; i++) {
                    levels[i] = random.nextInt(6);
                }
                day.add(new Response(stratum[p], levels));
            }
            pool[p] = day.build().strata().get(stratum[p]);
        }
    }

    @Benchmark
    public SufficientStatistics mergeMillionDailyRows() {
        SufficientStatistics.Builder total = SufficientStatistics.builder(sipas);
        for (int r = 0; r < ROWS; r++) {
            int p = r % POOL;
            total.add(stratum[p], pool[p]);
        }
        return total.build();
    }
}
