package vn.hailong.alerts;

import static vn.hailong.db.schema.Tables.ALERT;
import static vn.hailong.db.schema.Tables.UNIT;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jooq.DSLContext;
import org.jooq.JSON;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import vn.hailong.analytics.UnitWindows;
import vn.hailong.analytics.UnitWindows.Window;
import vn.hailong.auth.UnitScope;
import vn.hailong.notify.Notice;
import vn.hailong.notify.Outbox;
import vn.hailong.stats.Estimates;
import vn.hailong.survey.Forms;
import vn.hailong.targets.Targets;

/**
 * Runs the alert check ({@link AlertCheck}) on the figures of every unit and keeps what it raised: each alert
 * inserted into the alert table (sql/V11) and handed to the outbox (notify.Outbox) in the caller's transaction, so
 * an alert and the notices of it are committed together or not at all.
 */
public final class Alerts {
    /** How many complete weeks the recent window spans, and the baseline window before it. */
    public static final int RECENT_WEEKS = 4;
    public static final int BASELINE_WEEKS = 52;

    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    private final DSLContext dsl;
    private final Forms forms;
    private final int minN;
    private final String site;

    /**
     * {@code dsl}: where the figures are read (its own read-only snapshot, outside the writing transaction);
     * {@code site}: the server's public address, which the e-mails' links start with ("" for links from the root).
     */
    public Alerts(DSLContext dsl, Forms forms, int minN, String site) {
        this.dsl = dsl;
        this.forms = forms;
        this.minN = minN;
        this.site = site;
    }

    public Alerts(DSLContext dsl, Forms forms) {
        this(dsl, forms, Estimates.DEFAULT_MIN_N, "");
    }

    /** The windows a check on {@code day} compares: the last four complete weeks (Monday–Sunday) and the 52 before. */
    public record Windows(Window recent, Window baseline) {
        public static Windows checkedOn(LocalDate day) {
            var monday = day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            var recentFrom = monday.minusWeeks(RECENT_WEEKS);
            var baselineFrom = recentFrom.minusWeeks(BASELINE_WEEKS);
            return new Windows(new Window(recentFrom, monday.minusDays(1)),
                    new Window(baselineFrom, recentFrom.minusDays(1)));
        }
    }

    /** The ISO week of a day, as the weekly job names its period: "2026-W49". */
    public static String isoWeek(LocalDate day) {
        return String.format("%d-W%02d", day.get(IsoFields.WEEK_BASED_YEAR), day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    /** The Monday of an ISO week named as {@link #isoWeek} names it; IllegalArgumentException when it names none. */
    public static LocalDate monday(String isoWeek) {
        if (isoWeek == null || !isoWeek.matches("\\d{4}-W\\d{2}")) {
            throw new IllegalArgumentException("not an ISO week like 2026-W49: " + isoWeek);
        }
        return LocalDate.parse(isoWeek + "-1", DateTimeFormatter.ISO_WEEK_DATE);
    }

    /** An alert as stored; {@code raisedNow}: inserted by this run (else one raised earlier on the same windows). */
    public record Stored(long id, long unitId, String questionnaire, String kind, boolean raisedNow) {
    }

    /**
     * Checks every scored questionnaire on the windows of {@code day}, each questionnaire its own family, and inserts
     * in {@code tx} each alert not already raised on the same windows, with its notices. Returns every alert the check
     * raised, whether inserted now or found already there.
     */
    public List<Stored> run(DSLContext tx, String period, LocalDate day) {
        var windows = Windows.checkedOn(day);
        var units = units();
        var stored = new ArrayList<Stored>();
        for (var questionnaire : UnitWindows.scored(dsl, forms)) {
            var read = UnitWindows.read(dsl, forms, questionnaire, windows.recent(), windows.baseline());
            if (read.isEmpty()) {
                continue;
            }
            var targets = targets(questionnaire, windows.recent().to().getYear(), units);
            var inputs = new ArrayList<AlertCheck.Unit>();
            var r = read.get();
            // Every unit with recent ratings; one without baseline ratings can only be below its target.
            for (long id : new java.util.TreeSet<Long>(r.recent().keySet())) {
                var baseline = r.baseline().get(id);
                inputs.add(new AlertCheck.Unit(id, Estimates.of(r.recent().get(id)),
                        baseline == null ? null : Estimates.of(baseline), targets.get(id)));
            }
            for (var raised : AlertCheck.check(inputs, minN).raised()) {
                var earlier = raisedOnOverlappingWindow(tx, raised, questionnaire, windows);
                stored.add(earlier.isPresent()
                        ? new Stored(earlier.get(), raised.unitId(), questionnaire, raised.kind(), false)
                        : store(tx, period, questionnaire, windows, raised, units.get(raised.unitId())));
            }
        }
        return stored;
    }

    /**
     * The alert of the same kind raised for the unit on an earlier recent window that overlaps this one, if any. Four
     * weekly windows share three weeks, so a fall (or a unit that stays below its target) would otherwise be told
     * every week for a month on mostly the same ratings: it is told once, then again once the windows no longer
     * overlap, four weeks later, if it is still so. The same fact repeated weekly is noise people learn to ignore.
     */
    private static java.util.Optional<Long> raisedOnOverlappingWindow(DSLContext tx, AlertCheck.Raised raised,
                                                                      String questionnaire, Windows windows) {
        return tx.select(ALERT.ID).from(ALERT)
                .where(ALERT.UNIT_ID.eq(raised.unitId()))
                .and(ALERT.QUESTIONNAIRE.eq(questionnaire))
                .and(ALERT.KIND.eq(raised.kind()))
                .and(ALERT.RECENT_TO.ge(windows.recent().from()))
                .and(ALERT.RECENT_TO.lt(windows.recent().to()))
                .orderBy(ALERT.RECENT_TO.desc())
                .limit(1)
                .fetchOptional(ALERT.ID);
    }

    private Stored store(DSLContext tx, String period, String questionnaire, Windows windows, AlertCheck.Raised raised,
                         UnitName unit) {
        var id = tx.insertInto(ALERT)
                .set(ALERT.UNIT_ID, raised.unitId())
                .set(ALERT.QUESTIONNAIRE, questionnaire)
                .set(ALERT.KIND, raised.kind())
                .set(ALERT.PERIOD, period)
                .set(ALERT.RECENT_FROM, windows.recent().from())
                .set(ALERT.RECENT_TO, windows.recent().to())
                .set(ALERT.BASELINE_FROM, windows.baseline().from())
                .set(ALERT.BASELINE_TO, windows.baseline().to())
                .set(ALERT.FIGURES, JSON.valueOf(json(raised.figures())))
                .onConflictDoNothing()
                .returning(ALERT.ID)
                .fetchOptional(ALERT.ID);
        if (id.isEmpty()) {
            long existing = tx.select(ALERT.ID).from(ALERT)
                    .where(ALERT.UNIT_ID.eq(raised.unitId()))
                    .and(ALERT.QUESTIONNAIRE.eq(questionnaire))
                    .and(ALERT.KIND.eq(raised.kind()))
                    .and(ALERT.RECENT_FROM.eq(windows.recent().from()))
                    .and(ALERT.RECENT_TO.eq(windows.recent().to()))
                    .fetchSingle(ALERT.ID);
            return new Stored(existing, raised.unitId(), questionnaire, raised.kind(), false);
        }
        var text = Wording.of(unit.nameVi(), unit.code(), questionnaire, raised.kind(), raised.figures(), windows,
                criterionNames(tx, questionnaire), site);
        var payload = new HashMap<String, Object>();
        payload.put("id", id.get());
        payload.put("unit", Map.of("id", raised.unitId(), "code", unit.code(), "nameVi", unit.nameVi()));
        payload.put("questionnaire", questionnaire);
        payload.put("kind", raised.kind());
        payload.put("period", period);
        payload.put("recent", Map.of("from", windows.recent().from().toString(), "to", windows.recent().to().toString()));
        payload.put("baseline", Map.of("from", windows.baseline().from().toString(),
                "to", windows.baseline().to().toString()));
        payload.put("figures", MAPPER.convertValue(raised.figures(), Map.class));
        payload.put("link", text.link());
        Outbox.add(tx, new Notice(Notice.ALERT, "alert:" + id.get(), raised.unitId(), text.subject(), text.body(),
                payload, null));
        return new Stored(id.get(), raised.unitId(), questionnaire, raised.kind(), true);
    }

    /** The criteria's wording in Vietnamese by indicator code, from the newest published version that asks each. */
    private static Map<String, String> criterionNames(DSLContext tx, String questionnaire) {
        var names = new HashMap<String, String>();
        tx.fetch("select c.indicator_code, c.text_vi from criterion c"
                        + " join questionnaire_version v on v.id = c.version_id"
                        + " join questionnaire q on q.id = v.questionnaire_id"
                        + " where q.code = ? and v.status = 'published' order by v.version desc", questionnaire)
                .forEach(r -> names.putIfAbsent(r.get(0, String.class), r.get(1, String.class)));
        return names;
    }

    /** A unit's code and names. */
    record UnitName(String code, String nameVi, String nameEn) {
    }

    private Map<Long, UnitName> units() {
        var names = new HashMap<Long, UnitName>();
        dsl.select(UNIT.ID, UNIT.CODE, UNIT.NAME_VI, UNIT.NAME_EN).from(UNIT)
                .forEach(r -> names.put(r.value1(), new UnitName(r.value2(), r.value3(), r.value4())));
        return names;
    }

    /** The target each unit is held to in the year (its own or its nearest ancestor's), by unit id. */
    private Map<Long, AlertCheck.Target> targets(String questionnaire, int year, Map<Long, UnitName> units) {
        var targets = new Targets(dsl);
        var byCode = new HashMap<String, Long>();
        units.forEach((id, name) -> byCode.put(name.code(), id));
        var held = new HashMap<Long, AlertCheck.Target>();
        targets.questionnaire(questionnaire).ifPresent(qid -> {
            for (var t : targets.effective(year, qid, UnitScope.ALL)) {
                if (t.value() != null) {
                    held.put(byCode.get(t.unit().code()), new AlertCheck.Target(t.value().doubleValue(), t.from(),
                            t.inherited()));
                }
            }
        });
        return held;
    }

    static String json(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static String day(LocalDate date) {
        return DAY.format(date);
    }
}
