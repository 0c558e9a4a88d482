package vn.hailong.demo;

import static vn.hailong.db.schema.Tables.POPULATION_TOTAL;
import static vn.hailong.db.schema.Tables.QUESTIONNAIRE;
import static vn.hailong.db.schema.Tables.QUESTIONNAIRE_VERSION;
import static vn.hailong.db.schema.Tables.RESPONSE;
import static vn.hailong.db.schema.Tables.UNIT;
import static vn.hailong.db.schema.Tables.UNIT_SERVICE;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import vn.hailong.Vietnam;
import vn.hailong.centres.Centres;
import vn.hailong.db.Locks;
import vn.hailong.db.schema.tables.records.ResponseRecord;
import vn.hailong.publications.Publications;
import vn.hailong.rollup.RollupStore;
import vn.hailong.survey.Forms;
import vn.hailong.units.UnitEvents;
import vn.hailong.units.Units;

/**
 * Fills an empty database with a believable province: about 20 units at several levels today, about 100
 * services in 6 fields, service centres with counters, three years of responses and population totals. On 1 July of
 * the last year the province goes through a 2025-style reform (see {@link DemoCatalogue#UNITS}): its districts are
 * dissolved and their smaller communes merged, renamed or split into today's communes, so that the dashboards show
 * figures in current and historical boundaries.
 * Everything comes from one seeded generator: the same seed and years give the same data.
 */
public final class DemoProvince {
    private static final Logger log = LoggerFactory.getLogger(DemoProvince.class);
    public static final long DEFAULT_SEED = 20_241_105L;
    private static final int BATCH = 1000;

    private final DSLContext dsl;

    public DemoProvince(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** The last demo year: the last full calendar year, so year-on-year compares whole years. */
    public static int defaultLastYear() {
        return Vietnam.today().getYear() - 1;
    }

    /** Returns the number of responses created; 0 when the database already holds units. */
    public int fillIfEmpty(long seed, int lastYear) {
        int created = fill(seed, lastYear);
        if (created > 0) {
            // The last full year's results published, as a province would, so the public page has something to show.
            // After the fill has committed: the figures are read from the rollups in a read-only transaction of their own.
            int published = Publications.publishEvery(dsl, new Forms(dsl), "demo", lastYear, "SIPAS");
            log.info("event=demo_published year={} units={}", lastYear, published);
        }
        return created;
    }

    private int fill(long seed, int lastYear) {
        return dsl.transactionResult(trx -> {
            var tx = trx.dsl();
            Locks.hold(tx, Locks.DEMO);
            if (tx.fetchExists(UNIT)) {
                log.info("event=demo_skipped reason=\"the database already holds units\"");
                return 0;
            }
            var started = System.nanoTime();
            int firstYear = lastYear - 2;
            log.info("event=demo_creating years={}-{} note=\"a demo province with three years of ratings: about a"
                    + " minute, once\"", firstYear, lastYear);
            var catalogue = createCatalogue(tx, LocalDate.of(lastYear, 7, 1));
            var progress = new Progress(started);
            try (progress) {
                return fill(tx, seed, firstYear, lastYear, catalogue, progress);
            }
        });
    }

    private int fill(DSLContext tx, long seed, int firstYear, int lastYear, Catalogue catalogue, Progress progress) {
        tx.execute("select ensure_response_partitions({0}, {1})", firstYear, lastYear);
        DemoCases.off(tx);
        var generator = new ResponseGenerator(seed, catalogue, firstYear, lastYear);
        var batch = new ArrayList<ResponseRecord>(BATCH);
        int count = 0;
        for (var row = generator.next(); row != null; row = generator.next()) {
            batch.add(row);
            if (batch.size() == BATCH) {
                count += insert(tx, batch);
                progress.step = "responses written=" + count;
            }
        }
        count += insert(tx, batch);
        progress.step = "follow-up cases";
        int cases = DemoCases.open(tx, lastYear);
        log.info("event=demo_cases cases={}", cases);
        insertPopulation(tx, generator.populationTotals());
        insertTargets(tx, catalogue, firstYear, lastYear);
        progress.step = "invitations";
        insertInvitations(tx, seed, catalogue.dossierVersion());
        progress.step = "dossier facts";
        DemoDossiers.insert(tx, catalogue, seed, firstYear, lastYear);
        // Dashboards read rollups only: the demo's responses get theirs, as submitted ones do.
        progress.step = "rollups responses=0";
        RollupStore.rebuild(tx, new Forms(tx), LocalDate.of(firstYear, 1, 1), LocalDate.of(lastYear + 1, 1, 1),
                read -> progress.step = "rollups responses=" + read);
        log.info("event=demo_created units={} services={} responses={} years={}-{} ms={}",
                catalogue.units().size(), catalogue.services().size(), count, firstYear, lastYear,
                (System.nanoTime() - progress.started) / 1_000_000);
        return count;
    }

    /** Tells, every five seconds, which step the demo is at, so that a first start does not look hung. */
    private static final class Progress implements AutoCloseable {
        final long started;
        volatile String step = "catalogue";
        private final java.util.concurrent.ScheduledExecutorService timer =
                java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                    var thread = new Thread(r, "hailong-demo-progress");
                    thread.setDaemon(true);
                    return thread;
                });

        Progress(long started) {
            this.started = started;
            timer.scheduleAtFixedRate(() -> log.info("event=demo_progress step={} elapsed_s={}", step,
                    (System.nanoTime() - started) / 1_000_000_000L), 5, 5, java.util.concurrent.TimeUnit.SECONDS);
        }

        @Override
        public void close() {
            timer.shutdownNow();
        }
    }

    /** What the generator needs to know of the rows just created. */
    record Catalogue(Map<String, Long> units, Map<String, ServiceRow> services, Map<String, Long> centreOf,
                     Map<String, Long> counterOf, long sipasVersion, int sipasSize, long dossierVersion,
                     LocalDate reform) {
    }

    record ServiceRow(long id, String field) {
    }

    private static Catalogue createCatalogue(DSLContext tx, LocalDate reform) {
        var units = new HashMap<String, Long>();
        var unitQueries = new Units(tx);
        var events = new UnitEvents(tx, "demo", null);
        for (var spec : DemoCatalogue.UNITS) {
            Long parent = spec.parent() == null ? null : units.get(spec.parent());
            units.put(spec.code(), spec.era() == DemoCatalogue.Era.AFTER
                    ? events.create(spec.code(), spec.nameVi(), spec.nameEn(), spec.kind(), parent, reform)
                    : unitQueries.insert(tx, spec.code(), spec.nameVi(), spec.nameEn(), spec.kind(), parent));
        }
        var services = new java.util.LinkedHashMap<String, ServiceRow>();
        var catalogue = new vn.hailong.catalogue.Catalogue(tx);
        int serial = 0;
        for (var field : DemoCatalogue.FIELDS) {
            var fieldId = catalogue.insertField(tx, field.code(), field.nameVi(), field.nameEn());
            for (var name : field.services()) {
                // Shaped like the national procedure codes (1.00xxxx), invented.
                var code = String.format("1.%06d", 1000 + 37 * ++serial);
                services.put(code, new ServiceRow(catalogue.insertService(tx, code, name, null, fieldId), field.code()));
            }
        }
        for (var spec : DemoCatalogue.UNITS) {
            for (var entry : services.values()) {
                if (spec.fields().contains(entry.field())) {
                    tx.insertInto(UNIT_SERVICE)
                            .set(UNIT_SERVICE.UNIT_ID, units.get(spec.code()))
                            .set(UNIT_SERVICE.SERVICE_ID, entry.id())
                            .execute();
                }
            }
        }
        // The provincial centre serves the departments, each at its own counter; other units have a desk.
        var centreOf = new HashMap<String, Long>();
        var counterOf = new HashMap<String, Long>();
        var provincial = centre(tx, "99.TTPVHCC", units.get(DemoCatalogue.PROVINCE),
                "Trung tâm Phục vụ hành chính công tỉnh Minh An", "Minh An Public Administration Service Centre");
        for (var spec : DemoCatalogue.UNITS) {
            if (spec.yearlyResponses() == 0) {
                continue;
            }
            long centre = spec.kind().equals("department")
                    ? provincial
                    : centre(tx, spec.code() + ".MC", units.get(spec.code()), "Bộ phận Một cửa " + spec.nameVi(),
                            "One-stop desk, " + spec.nameEn());
            centreOf.put(spec.code(), centre);
            counterOf.put(spec.code(), new Centres(tx).insertCounter(tx, centre, "Q-" + spec.code(),
                    "Quầy " + spec.nameVi(), "Counter, " + spec.nameEn()));
        }
        reform(events, units, reform);
        return new Catalogue(units, services, centreOf, counterOf,
                publishedVersion(tx, "SIPAS"), vn.hailong.survey.Templates.SIPAS.criteria().size(),
                publishedVersion(tx, "DOSSIER3"), reform);
    }

    /**
     * The province's reform on {@code day}, told through {@link UnitEvents} as a crosswalk would tell it: communes
     * merge (into communes made that day, or into one of them carrying on), one is renamed and recoded, one splits
     * between two with stated shares, and the districts, left without communes, are dissolved. The units that carry
     * on move up to the province with the dissolution.
     */
    private static void reform(UnitEvents events, Map<String, Long> units, LocalDate day) {
        for (var merge : DemoCatalogue.MERGES) {
            events.merge(merge.from().stream().map(units::get).toList(), units.get(merge.into()), day);
        }
        events.rename(units.get(DemoCatalogue.RENAMED), DemoCatalogue.RENAMED_CODE, DemoCatalogue.RENAMED_VI,
                DemoCatalogue.RENAMED_EN, day);
        var shares = new java.util.LinkedHashMap<Long, BigDecimal>();
        DemoCatalogue.SPLIT_SHARES.forEach((code, share) -> shares.put(units.get(code), share));
        events.split(units.get(DemoCatalogue.SPLIT), shares, day);
        for (var district : DemoCatalogue.DISSOLVED) {
            events.dissolve(units.get(district), day);
        }
    }

    private static long centre(DSLContext tx, String code, long unitId, String nameVi, String nameEn) {
        return new Centres(tx).insert(tx, new Centres.Centre(0, code, unitId, nameVi, nameEn, null, null, true));
    }

    private static long publishedVersion(DSLContext tx, String questionnaire) {
        return tx.select(QUESTIONNAIRE_VERSION.ID)
                .from(QUESTIONNAIRE_VERSION)
                .join(QUESTIONNAIRE).on(QUESTIONNAIRE.ID.eq(QUESTIONNAIRE_VERSION.QUESTIONNAIRE_ID))
                .where(QUESTIONNAIRE.CODE.eq(questionnaire))
                .and(QUESTIONNAIRE_VERSION.VERSION.eq(1))
                .fetchSingle(QUESTIONNAIRE_VERSION.ID);
    }

    /**
     * The province's plan: 90 on the SIPAS index every year, which its units inherit; the Department of Justice
     * is held to 85 in the last year, so that the dashboards show a unit's own target beside an inherited one.
     */
    private static void insertTargets(DSLContext tx, Catalogue catalogue, int firstYear, int lastYear) {
        var targets = new vn.hailong.targets.Targets(tx);
        long sipas = targets.questionnaire("SIPAS").orElseThrow();
        for (int year = firstYear; year <= lastYear; year++) {
            targets.set(tx, catalogue.units().get(DemoCatalogue.PROVINCE), year, sipas, BigDecimal.valueOf(90));
        }
        targets.set(tx, catalogue.units().get("99.STP"), lastYear, sipas, BigDecimal.valueOf(85));
    }

    /** One multi-row INSERT per batch: the tally trigger then runs once per batch, not per row. */
    private static int insert(DSLContext tx, List<ResponseRecord> batch) {
        if (batch.isEmpty()) {
            return 0;
        }
        var insert = tx.insertInto(RESPONSE).set(batch.get(0));
        for (int i = 1; i < batch.size(); i++) {
            insert = insert.newRecord().set(batch.get(i));
        }
        int n = insert.execute();
        batch.clear();
        return n;
    }

    /**
     * The dossier invitations behind the per-dossier ratings: one for each rated dossier, made one to 72 hours
     * before its rating, and unanswered ones beside them, so that each unit answers a share of its invitations
     * between 20 and 60 % (drawn per unit). The link reaches the citizen as a QR code on the receipt (6 in 10) or
     * a link in a message. Drawn in SQL from hashes of the codes and the seed: the same seed, the same rows.
     */
    private static void insertInvitations(DSLContext tx, long seed, long dossierVersion) {
        tx.execute("""
                insert into invitation (agency_id, service_id, dossier_code, token, created_at, used_at, centre_id,
                                        channel)
                select r.agency_id, r.service_id, r.dossier_code, 'demo-' || md5(r.agency_id || '/' || r.dossier_code),
                       r.submitted_at - (1 + abs(hashtext(r.dossier_code || {0})) % 72) * interval '1 hour',
                       r.submitted_at, r.centre_id,
                       case when abs(hashtext(r.dossier_code || 'channel' || {0})) % 10 < 6 then 'qr' else 'web' end
                  from response r
                 where r.questionnaire_version_id = {1}
                   and r.dossier_code is not null
                on conflict (agency_id, dossier_code) do nothing
                """, String.valueOf(seed), dossierVersion);
        tx.execute("""
                with rate as (select id, 0.20 + (abs(hashtext(code || {0})) % 41) / 100.0 as answered from unit),
                     rated as (select i.*, (1 - rate.answered) / rate.answered as unanswered
                                 from invitation i
                                 join rate on rate.id = i.agency_id
                                where i.used_at is not null)
                insert into invitation (agency_id, service_id, dossier_code, token, created_at, used_at, centre_id,
                                        channel)
                select agency_id, service_id, dossier_code || '-' || g,
                       'demo-' || md5(agency_id || '/' || dossier_code || '-' || g),
                       created_at + g * interval '37 minutes', null, centre_id, channel
                  from rated,
                       generate_series(1, floor(unanswered
                           + (abs(hashtext(dossier_code || 'more' || {0})) % 1000) / 1000.0)::integer) g
                on conflict (agency_id, dossier_code) do nothing
                """, String.valueOf(seed));
    }

    private static void insertPopulation(DSLContext tx, List<ResponseGenerator.PopulationTotal> totals) {
        for (var t : totals) {
            tx.insertInto(POPULATION_TOTAL)
                    .set(POPULATION_TOTAL.UNIT_ID, t.unitId())
                    .set(POPULATION_TOTAL.YEAR, (short) t.year())
                    .set(POPULATION_TOTAL.STRATUM, t.stratum())
                    .set(POPULATION_TOTAL.TOTAL, BigDecimal.valueOf(t.total()))
                    .execute();
        }
    }
}
