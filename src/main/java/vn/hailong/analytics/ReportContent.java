package vn.hailong.analytics;

import static vn.hailong.db.schema.Tables.ELEMENT;
import static vn.hailong.db.schema.Tables.QUESTIONNAIRE;
import static vn.hailong.db.schema.Tables.UNIT;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jooq.DSLContext;

import vn.hailong.report.Report;
import vn.hailong.rollup.Dimension;
import vn.hailong.stats.Estimate;
import vn.hailong.stats.Rankings;
import vn.hailong.survey.Forms;

/**
 * The figures of a report, read the way the API reads them (the same queries as /indices, /compare, /rankings and
 * /trend, not HTTP): the scope's index and its change, its elements and criteria, every unit under it ranked and
 * compared, and the months of this year and the last.
 */
final class ReportContent {
    private static final java.time.format.DateTimeFormatter DAY = java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy");
    /**
     * The target a unit is held to in a year, in points; null when none is set. The report says which units are below
     * theirs, and with no target at all which are clearly below the scope's own index.
     */
    interface Targets {
        Targets NONE = unit -> null;

        /** The target of the unit with this code in the report's year and questionnaire. */
        Double of(String unit);
    }

    private final DSLContext dsl;
    private final Forms forms;
    private final Slices slices;

    ReportContent(DSLContext dsl, Forms forms, Slices slices) {
        this.dsl = dsl;
        this.forms = forms;
        this.slices = slices;
    }

    /** The report of the request's scope over {@code span}'s days, compared with its baseline's. */
    Report read(AnalyticsRequest request, Report.Span span, boolean english, Report.Heading heading, Targets targets) {
        var thisYear = new CompareApi.Period(span.from(), span.to());
        var lastYear = new CompareApi.Period(span.baselineFrom(), span.baselineTo());
        var inYear = request.between(thisYear.from(), thisYear.to());
        var form = forms.published(request.versions().merged().get(0)).orElseThrow();
        var names = new Names(english, form, elementNames(form.versionId(), english));

        var total = IndicesApi.figures(dsl, slices, inYear, List.of()).values().stream().findFirst();
        var change = CompareApi.compare(dsl, slices, request, thisYear, lastYear, List.of()).answer().groups().stream()
                .findFirst().filter(c -> !c.suppressed()).orElse(null);
        var scopeUnit = scopeUnit(request);
        var shown = total.filter(f -> !f.suppressed());
        var scope = new Report.Scope(scopeUnit == null ? null : scopeUnit.code(),
                scopeUnit == null ? (english ? "all units" : "tất cả cơ quan, đơn vị") : names.of(scopeUnit),
                total.map(Figures::n).orElse(0L), shown.map(f -> figure(f.index())).orElse(null),
                change == null ? null : change(change.overall()),
                scopeUnit == null ? null : targets.of(scopeUnit.code()));

        var elements = new ArrayList<Report.ElementRow>();
        var criteria = new ArrayList<Report.CriterionRow>();
        shown.ifPresent(f -> {
            f.elements().forEach((code, e) -> elements.add(new Report.ElementRow(code, names.element(code), figure(e),
                    change == null ? null : change(change.elements().get(code)))));
            for (var c : f.criteria()) {
                var question = form.questions().get(c.code());
                criteria.add(new Report.CriterionRow(c.code(), question == null ? null : question.element(),
                        names.criterion(c.code()), question != null && question.kind().equals("overall"),
                        c.share() == null ? null : new Report.Figure(c.share(), c.wilsonLow(), c.wilsonHigh()), c.nValid(),
                        change == null ? null : change(change.criteria().get(c.code()))));
            }
        });
        var questionnaire = dsl.select(english ? QUESTIONNAIRE.NAME_EN : QUESTIONNAIRE.NAME_VI).from(QUESTIONNAIRE)
                .where(QUESTIONNAIRE.CODE.eq(request.questionnaire())).fetchOne(0, String.class);
        return new Report(english, heading, questionnaire, scope, span, request.minN(),
                elements, criteria, units(request, inYear, thisYear, lastYear, names, targets), months(request, span),
                boundaries(request.between(span.baselineFrom(), span.to()), english));
    }

    /**
     * Which boundaries the report's figures are in, in sentences: said whenever a unit of the report merged, split,
     * moved or was dissolved, with the figures that are estimates (a share of a split unit's ratings).
     */
    private List<String> boundaries(AnalyticsRequest over, boolean english) {
        var used = BoundariesUsed.of(dsl, over.filter(), List.of(Dimension.UNIT), true);
        if (used.changes().isEmpty()) {
            return List.of();
        }
        var day = DAY.format(used.changes().get(used.changes().size() - 1));
        var sentences = new ArrayList<String>();
        if (used.view().equals("current")) {
            sentences.add(english
                    ? "Boundaries: as they are today. Compared in today's boundaries: the figures before " + day
                            + " of units that have merged count under the units that carry them on."
                    : "Địa giới hành chính: hiện nay. So sánh theo địa giới hiện nay: số liệu trước ngày " + day
                            + " của các đơn vị đã sáp nhập được tính vào đơn vị kế thừa.");
        } else {
            sentences.add(english
                    ? "Boundaries: as they were when each rating was given. A unit made on " + day
                            + " has no figures before that day; those of the units it replaced are their own."
                    : "Địa giới hành chính: như tại thời điểm đánh giá. Đơn vị thành lập từ ngày " + day
                            + " không có số liệu trước ngày đó; số liệu của các đơn vị cũ được tính riêng.");
        }
        for (var e : used.estimates()) {
            var share = String.valueOf(Math.round(e.share() * 100));
            var until = DAY.format(e.until());
            sentences.add(english
                    ? "Estimate: the figures of " + (e.nameEn() == null ? e.nameVi() : e.nameEn()) + " include " + share
                            + " % of the ratings of " + (e.fromNameEn() == null ? e.fromNameVi() : e.fromNameEn())
                            + " before " + until + ", when it was split."
                    : "Ước tính: số liệu của " + e.nameVi() + " gồm " + share + " % số phiếu của " + e.fromNameVi()
                            + " trước ngày " + until + " (đơn vị đã chia tách).");
        }
        return sentences;
    }

    /** Every unit with responses of its own, ranked as /rankings ranks them, each with its change as /compare finds it. */
    private List<Report.UnitRow> units(AnalyticsRequest request, AnalyticsRequest inYear, CompareApi.Period thisYear,
                                       CompareApi.Period lastYear, Names names, Targets targets) {
        var by = List.of(Dimension.UNIT);
        var figures = IndicesApi.figures(dsl, slices, inYear, by);
        var changes = new HashMap<Long, CompareRow>();
        CompareApi.compare(dsl, slices, request, thisYear, lastYear, by).answer().groups()
                .forEach(row -> changes.put(row.group().unit().id(), row));
        var indices = new LinkedHashMap<String, Estimate>();
        var byKey = new HashMap<String, Figures>();
        figures.values().forEach(f -> {
            if (!f.suppressed()) {
                indices.put(f.group().unit().code(), f.index());
                byKey.put(f.group().unit().code(), f);
            }
        });
        var rows = new ArrayList<Report.UnitRow>();
        for (var r : Rankings.rank(indices)) {
            var f = byKey.get(r.key());
            var unit = f.group().unit();
            var compared = changes.get(unit.id());
            rows.add(new Report.UnitRow(unit.code(), names.of(unit), f.n(), figure(f.index()), r.rank(), r.worstRank(),
                    compared == null || compared.suppressed() ? null : change(compared.overall()), targets.of(unit.code())));
        }
        figures.values().stream().filter(Figures::suppressed).forEach(f -> rows.add(new Report.UnitRow(
                f.group().unit().code(), names.of(f.group().unit()), f.n(), null, null, null, null, null)));
        return rows;
    }

    /**
     * The months from the baseline's first to the period's last (a year's report: the year and the one before; a
     * month's: the thirteen months back to the same month a year before), as /trend?interval=month answers them.
     */
    private List<Report.MonthPoint> months(AnalyticsRequest request, Report.Span period) {
        var span = request.between(period.baselineFrom().withDayOfMonth(1), period.to());
        return IndicesApi.figures(dsl, slices, span, List.of(Dimension.MONTH)).values().stream()
                .map(f -> new Report.MonthPoint(f.group().month(), f.n(), f.suppressed() ? null : figure(f.index())))
                .toList();
    }

    /**
     * The unit the report is about: the one asked for, else the caller's own, else the root of the tree; null for a
     * caller who sees a tree of several roots.
     */
    private NamedGroup.Name scopeUnit(AnalyticsRequest request) {
        var id = request.filter().unit() != null ? request.filter().unit() : request.scope().root();
        if (id == null) {
            var roots = dsl.select(UNIT.ID).from(UNIT).where(UNIT.PARENT_ID.isNull()).limit(2).fetch(UNIT.ID);
            if (roots.size() != 1) {
                return null;
            }
            id = roots.get(0);
        }
        return dsl.select(UNIT.ID, UNIT.CODE, UNIT.NAME_VI, UNIT.NAME_EN).from(UNIT).where(UNIT.ID.eq(id))
                .fetchOne(org.jooq.Records.mapping(NamedGroup.Name::new));
    }

    private Map<String, String> elementNames(long version, boolean english) {
        return dsl.select(ELEMENT.CODE, english ? ELEMENT.NAME_EN : ELEMENT.NAME_VI)
                .from(ELEMENT)
                .where(ELEMENT.VERSION_ID.eq(version))
                .fetchMap(r -> r.value1(), r -> r.value2());
    }

    private static Report.Figure figure(Estimate e) {
        return new Report.Figure(e.value(), e.low(), e.high());
    }

    private static Report.Change change(CompareRow.Change c) {
        return c == null ? null : new Report.Change(c.delta(), c.p(), c.adjustedP(), c.significant());
    }

    /** Names in the report's language: units (the Vietnamese name where no English one is given), elements, criteria. */
    private record Names(boolean english, Forms.Form form, Map<String, String> elements) {
        String of(NamedGroup.Name unit) {
            return english && unit.nameEn() != null && !unit.nameEn().isBlank() ? unit.nameEn() : unit.nameVi();
        }

        String element(String code) {
            return elements.getOrDefault(code, code);
        }

        String criterion(String code) {
            var q = form.questions().get(code);
            return q == null ? code : english ? q.textEn() : q.textVi();
        }
    }
}
