package vn.hailong.demo;

import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;

import org.jooq.JSONB;

import vn.hailong.Vietnam;
import vn.hailong.db.schema.tables.records.ResponseRecord;
import vn.hailong.demo.DemoCatalogue.UnitSpec;
import vn.hailong.demo.DemoProvince.Catalogue;

/**
 * Draws demo responses from a simple latent model: each unit has a baseline, each year moves it (a
 * province-wide trend plus a few unit-specific jumps large enough to be significant), each respondent
 * has a mood shared by all their answers, and each criterion an offset. Levels come from cutting the
 * latent value at fixed thresholds, so answers within an element correlate as in real surveys.
 */
final class ResponseGenerator {
    /** Thresholds between levels 1|2, 2|3, 3|4, 4|5 on the latent scale. */
    private static final double[] CUTS = {-1.9, -0.9, 0.0, 1.2};
    /** Element offsets in the order of the SIPAS criteria TC1..PA3 (3, 4, 3, 3, 3 criteria). */
    private static final double[] CRITERION_OFFSET = {
            0.15, -0.10, -0.25, 0.05, -0.30, 0.10, -0.35, 0.40, 0.20, 0.30, 0.00, 0.25, 0.20, -0.30, -0.40, -0.50};
    private static final double TREND_PER_YEAR = 0.10;
    /** Unit-specific changes by year index (0 = first year), on top of the trend. */
    private static final Map<String, double[]> JUMPS = Map.of(
            "99.SXD", new double[] {0, 0.15, 0.60},
            "99.VPDK", new double[] {0, 0.05, 0.55},
            "99.VPDK.CN2", new double[] {0, 0.30, 0.45},
            "99007", new double[] {0, -0.10, -0.55},
            "99.SCT", new double[] {0, -0.45, -0.40},
            "99019", new double[] {0, 0.50, 0.50});
    private static final String[] CHANNELS = {"kiosk", "qr", "web", "interview"};
    private static final double[] CHANNEL_SHARE = {0.45, 0.25, 0.20, 0.10};
    private static final String[] AGE_BANDS = {"18-29", "30-44", "45-59", "60+"};

    record PopulationTotal(long unitId, int year, String stratum, long total) {
    }

    private final SplittableRandom random;
    private final long seed;
    private final Catalogue catalogue;
    private final int firstYear;
    private final int lastYear;
    private final Map<String, Integer> responsesPerStratum = new TreeMap<>();
    private final Map<String, List<String>> servicesOf = new TreeMap<>();

    private int year;
    private int unitIndex;
    private int remainingSipas;
    private int remainingDossier;
    private long serial;
    /** The first day and the number of days of the current unit's year on which it exists. */
    private LocalDate from;
    private int span;

    ResponseGenerator(long seed, Catalogue catalogue, int firstYear, int lastYear) {
        this.random = new SplittableRandom(seed);
        this.seed = seed;
        this.catalogue = catalogue;
        this.firstYear = firstYear;
        this.lastYear = lastYear;
        for (var unit : DemoCatalogue.UNITS) {
            var codes = new ArrayList<String>();
            catalogue.services().forEach((code, row) -> {
                if (unit.fields().contains(row.field())) {
                    codes.add(code);
                }
            });
            servicesOf.put(unit.code(), codes);
        }
        this.year = firstYear;
        this.unitIndex = -1;
    }

    /** The next response, or null when all years are done. */
    ResponseRecord next() {
        while (remainingSipas == 0 && remainingDossier == 0) {
            if (!advance()) {
                return null;
            }
        }
        var unit = DemoCatalogue.UNITS.get(unitIndex);
        if (remainingSipas > 0) {
            remainingSipas--;
            return sipas(unit);
        }
        remainingDossier--;
        return dossier(unit);
    }

    private boolean advance() {
        do {
            unitIndex++;
            if (unitIndex == DemoCatalogue.UNITS.size()) {
                unitIndex = 0;
                year++;
            }
            if (year > lastYear) {
                return false;
            }
        } while (DemoCatalogue.UNITS.get(unitIndex).yearlyResponses() == 0 || days(DemoCatalogue.UNITS.get(unitIndex)) == 0);
        var unit = DemoCatalogue.UNITS.get(unitIndex);
        from = LocalDate.of(year, 1, 1);
        while (!unit.validOn(from, catalogue.reform())) {
            from = from.plusDays(1);
        }
        span = days(unit);
        double growth = 1.05 + 0.15 * (year - firstYear);
        double part = span / (double) from.lengthOfYear();
        int n = (int) Math.round(unit.yearlyResponses() * growth * part * (0.9 + 0.2 * random.nextDouble()));
        remainingSipas = n;
        remainingDossier = (int) Math.round(n * 0.12);
        return true;
    }

    /** The days of the current year on which {@code unit} exists (a unit made or ended by the reform: part of it). */
    private int days(UnitSpec unit) {
        var reform = catalogue.reform();
        int length = LocalDate.of(year, 1, 1).lengthOfYear();
        if (unit.era() == DemoCatalogue.Era.ALWAYS || reform.getYear() != year) {
            return unit.validOn(LocalDate.of(year, 1, 1), reform) ? length : 0;
        }
        int before = reform.getDayOfYear() - 1;
        return unit.era() == DemoCatalogue.Era.BEFORE ? before : length - before;
    }

    private double unitLevel(UnitSpec unit) {
        int index = year - firstYear;
        var jumps = JUMPS.get(unit.story());
        return unit.quality() + TREND_PER_YEAR * index + (jumps == null ? 0 : jumps[index]);
    }

    private ResponseRecord sipas(UnitSpec unit) {
        var r = base(unit, catalogue.sipasVersion());
        double mood = unitLevel(unit) + gaussian(0.9);
        var answers = new Short[catalogue.sipasSize()];
        boolean neverGaveFeedback = random.nextDouble() < 0.15;
        double sum = 0;
        int answered = 0;
        for (int i = 0; i < 16; i++) {
            double na = i >= 13 ? (neverGaveFeedback ? 1 : 0.03) : (i == 2 ? 0.05 : 0.015);
            if (random.nextDouble() < na) {
                continue;
            }
            answers[i] = level(mood + CRITERION_OFFSET[i] + gaussian(0.8));
            sum += answers[i];
            answered++;
        }
        answers[16] = level(mood + 0.2 + gaussian(0.6)); // HL, the overall question
        if (random.nextDouble() < 0.4) {
            for (int i = 17; i < 27; i++) {
                answers[i] = (short) (1 + Math.min(3, (int) (random.nextDouble() * 4.6)));
            }
        }
        if (random.nextDouble() < 0.7) {
            answers[27] = (short) (random.nextDouble() < 0.02 + 0.03 * Math.max(0, -mood) ? 1
                    : random.nextDouble() < 0.95 ? 2 : 3);
            answers[28] = (short) (random.nextDouble() < 0.12 ? 1 : 2);
        }
        r.setAnswers(answers);
        double mean = answered == 0 ? answers[16] : sum / answered;
        if (random.nextDouble() < 0.08) {
            var pool = mean >= 4 ? DemoCatalogue.PRAISE : mean <= 2.8 ? DemoCatalogue.COMPLAINTS : DemoCatalogue.SUGGESTIONS;
            r.setComment(pool.get(random.nextInt(pool.size())));
        }
        if (random.nextDouble() < 0.6) {
            r.setProfile(JSONB.valueOf("{\"sex\":\"" + (random.nextBoolean() ? "female" : "male")
                    + "\",\"ageBand\":\"" + AGE_BANDS[random.nextInt(AGE_BANDS.length)] + "\"}"));
        }
        return r;
    }

    private ResponseRecord dossier(UnitSpec unit) {
        var r = base(unit, catalogue.dossierVersion());
        r.setChannel("web");
        double latent = unitLevel(unit) + 0.4 + gaussian(1.0);
        short rating = (short) (latent < -0.6 ? 1 : latent < 1.0 ? 2 : 3);
        short reason = rating == 1 ? (short) (1 + random.nextInt(5)) : 0;
        r.setAnswers(new Short[] {rating, rating == 1 ? reason : null});
        var day = r.getSubmittedAt().atZoneSameInstant(Vietnam.ZONE).toLocalDate();
        r.setDossierCode(String.format("H99.%s-%02d%02d%02d-%04d", unit.code().replace(".", ""),
                day.getYear() % 100, day.getMonthValue(), day.getDayOfMonth(), serial % 10_000));
        return r;
    }

    /** What every response has: unit, time, service, place, channel and a deterministic submission id. */
    private ResponseRecord base(UnitSpec unit, long versionId) {
        serial++;
        var services = servicesOf.get(unit.code());
        var serviceCode = services.get(random.nextInt(services.size()));
        var service = catalogue.services().get(serviceCode);
        var submitted = workingMoment();
        var r = new ResponseRecord();
        r.setAgencyId(catalogue.units().get(unit.code()));
        r.setSubmittedAt(submitted);
        r.setQuestionnaireVersionId(versionId);
        r.setServiceId(service.id());
        // After the reform a citizen may have a dossier received at another commune's centre (cross-boundary
        // reception): about 1 in 20 of a commune's ratings come from its neighbour's desk, the commune deciding.
        var desk = unit.code();
        if (unit.kind().equals("commune") && !submitted.toLocalDate().isBefore(catalogue.reform())
                && random.nextDouble() < 0.05) {
            desk = neighbour(unit);
        }
        r.setCentreId(catalogue.centreOf().get(desk));
        r.setCounterId(catalogue.counterOf().get(desk));
        r.setChannel(pick(CHANNELS, CHANNEL_SHARE));
        r.setSubmissionId(UUID.nameUUIDFromBytes(("demo-" + seed + "-" + serial).getBytes(StandardCharsets.UTF_8)));
        r.setStratum(service.field());
        r.setClientStartedAt(submitted.minusSeconds(40 + random.nextInt(200)));
        r.setClientSubmittedAt(submitted);
        r.setReceivedAt(submitted);
        responsesPerStratum.merge(r.getAgencyId() + "|" + year + "|" + service.field(), 1, Integer::sum);
        return r;
    }

    /** The next commune after {@code unit} that exists after the reform, in the catalogue's order. */
    private String neighbour(UnitSpec unit) {
        var after = DemoCatalogue.UNITS.stream()
                .filter(u -> u.kind().equals("commune") && u.validOn(catalogue.reform(), catalogue.reform())
                        && u.yearlyResponses() > 0)
                .toList();
        int i = after.indexOf(unit);
        return after.get((i + 1) % after.size()).code();
    }

    /** Population totals (dossiers handled) per unit, year and stratum: 5 to 30 dossiers per response. */
    List<PopulationTotal> populationTotals() {
        var totals = new ArrayList<PopulationTotal>();
        responsesPerStratum.forEach((key, n) -> {
            var parts = key.split("\\|");
            long total = Math.round(n * (5 + 25 * random.nextDouble()));
            totals.add(new PopulationTotal(Long.parseLong(parts[0]), Integer.parseInt(parts[1]), parts[2], total));
        });
        return totals;
    }

    /** Seconds of the morning (7:30–11:30) and of the whole working day (with 13:30–17:00). */
    private static final int MORNING_SECONDS = 4 * 3600;
    private static final int WORKING_SECONDS = MORNING_SECONDS + 3 * 3600 + 1800;

    private OffsetDateTime workingMoment() {
        LocalDate day;
        do {
            day = from.plusDays(random.nextInt(span));
        } while (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY);
        // Office hours, 7:30–11:30 and 13:30–17:00: the same draw as ever (so every other figure of the demo stays as it
        // was) laid over the working day without the lunch break, in the same order.
        int drawn = random.nextInt(9 * 3600 + 1800);
        int worked = (int) ((long) drawn * WORKING_SECONDS / (9 * 3600 + 1800));
        var time = worked < MORNING_SECONDS ? LocalTime.of(7, 30).plusSeconds(worked)
                : LocalTime.of(13, 30).plusSeconds(worked - MORNING_SECONDS);
        return day.atTime(time).atZone(Vietnam.ZONE).toOffsetDateTime();
    }

    private short level(double latent) {
        short level = 1;
        for (double cut : CUTS) {
            if (latent > cut) {
                level++;
            }
        }
        return level;
    }

    private double gaussian(double sd) {
        // Box–Muller on the seeded generator, so the draws depend on nothing but the seed.
        double u = 1 - random.nextDouble();
        double v = random.nextDouble();
        return sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    private String pick(String[] values, double[] shares) {
        double x = random.nextDouble();
        for (int i = 0; i < values.length - 1; i++) {
            x -= shares[i];
            if (x < 0) {
                return values[i];
            }
        }
        return values[values.length - 1];
    }
}
