package vn.hailong.publications;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import org.jooq.DSLContext;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;

import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import vn.hailong.Vietnam;
import vn.hailong.analytics.InsightsApi.RankRange;
import vn.hailong.export.Download;
import vn.hailong.export.Format;
import vn.hailong.export.Table;
import vn.hailong.stats.Estimate;
import vn.hailong.stats.Rankings;

/**
 * Published results for anyone, without signing in: only what an admin published, as it was frozen — never a
 * response, a comment or anything unpublished (this class reads the publication table alone). Units with n below
 * min_n show n and no figures, and are not ranked. Units are ranked among units of the same kind (departments with
 * departments, communes with communes), with the ties of the statistics core's ranking.
 */
public final class PublicResultsApi {
    /** Published figures change only when an admin publishes; a minute of caching spares the server a crowd. */
    static final String CACHE = "public, max-age=60";
    private final Publications publications;

    public PublicResultsApi(DSLContext dsl) {
        this.publications = new Publications(dsl);
    }

    /** A published unit: its figures as frozen, or only n when suppressed. */
    @JsonInclude(Include.NON_NULL)
    record PublishedUnit(String code, String nameVi, String nameEn, String kind, long n, int minN, boolean suppressed,
                         Estimate index, Map<String, Estimate> elements, String band, OffsetDateTime publishedAt) {
    }

    /** A unit's place among the published units of its kind. */
    /** rankRange: the best and the worst rank the 95 % intervals allow, as /api/v1/rankings gives it. */
    record Place(String code, String nameVi, String nameEn, int rank, boolean tied, RankRange rankRange, Estimate index) {
    }

    /** The ranking of the published, non-suppressed units of one kind. */
    record KindRanking(String kind, String nameVi, String nameEn, List<Place> ranked) {
    }

    /** The answer: what is published for which years and questionnaires, and the year asked for. */
    record Results(String questionnaire, Integer year, List<Integer> years, List<String> questionnaires,
                   OffsetDateTime publishedAt, List<PublishedUnit> units, List<KindRanking> ranking) {
    }

    /** GET /api/v1/public/results?year=&questionnaire=: the year asked for, or the latest published. */
    public void results(Context ctx) {
        ctx.header("Cache-Control", CACHE);
        ctx.json(answer(ctx));
    }

    /** GET /api/v1/public/results.csv?year=&questionnaire=: the same, one row per published unit (open data). */
    public void csv(Context ctx) {
        var results = answer(ctx);
        if (results.year() == null) {
            throw new NotFoundResponse("Nothing is published for questionnaire " + results.questionnaire() + ".");
        }
        var elements = new LinkedHashSet<String>();
        results.units().forEach(u -> {
            if (u.elements() != null) {
                elements.addAll(u.elements().keySet());
            }
        });
        var columns = new ArrayList<>(List.of("year", "questionnaire", "unit_code", "unit_name_vi", "unit_name_en",
                "unit_kind", "n", "min_n", "suppressed", "index", "ci_low", "ci_high", "se"));
        elements.forEach(e -> columns.addAll(List.of("element_" + e, "element_" + e + "_ci_low",
                "element_" + e + "_ci_high")));
        columns.addAll(List.of("rank_among_kind", "tied", "rank_best", "rank_worst", "published_at"));
        var places = new LinkedHashMap<String, Place>();
        results.ranking().forEach(k -> k.ranked().forEach(p -> places.put(p.code(), p)));
        var table = new Table(columns);
        for (var u : results.units()) {
            var row = new ArrayList<Object>(List.of(results.year(), results.questionnaire(), u.code(), u.nameVi(),
                    u.nameEn() == null ? "" : u.nameEn(), u.kind(), u.n(), u.minN(), u.suppressed()));
            var index = u.index();
            row.addAll(index == null ? nulls(4) : List.of(index.value(), index.low(), index.high(), index.se()));
            for (var e : elements) {
                var figure = u.elements() == null ? null : u.elements().get(e);
                row.addAll(figure == null ? nulls(3) : List.of(figure.value(), figure.low(), figure.high()));
            }
            var place = places.get(u.code());
            row.add(place == null ? null : place.rank());
            row.add(place == null ? null : place.tied());
            row.add(place == null ? null : place.rankRange().best());
            row.add(place == null ? null : place.rankRange().worst());
            row.add(u.publishedAt().atZoneSameInstant(Vietnam.ZONE).toLocalDateTime());
            table.row(row);
        }
        ctx.header("Cache-Control", CACHE);
        Download.send(ctx, Format.CSV, "ket-qua-" + results.questionnaire() + "-" + results.year(), table);
    }

    private Results answer(Context ctx) {
        var questionnaire = PublicationsApi.questionnaire(ctx);
        var years = publications.years(questionnaire);
        var questionnaires = publications.questionnaires();
        var asked = ctx.queryParam("year");
        Integer year;
        if (asked == null || asked.isBlank()) {
            year = years.isEmpty() ? null : years.get(0);
        } else {
            year = PublicationsApi.year(asked, null);
            if (!years.contains(year)) {
                throw new NotFoundResponse("year: nothing is published for " + year + " (" + questionnaire + ").");
            }
        }
        if (year == null) {
            return new Results(questionnaire, null, years, questionnaires, null, List.of(), List.of());
        }
        var published = publications.of(year, questionnaire);
        var units = published.stream().map(p -> new PublishedUnit(p.unit().code(), p.unit().nameVi(),
                p.unit().nameEn(), p.unit().kind(), p.n(), p.minN(), p.suppressed(), p.index(), p.elements(), p.band(),
                p.publishedAt())).toList();
        var latest = published.stream().map(Publications.Publication::publishedAt).max(Comparator.naturalOrder())
                .orElse(null);
        return new Results(questionnaire, year, years, questionnaires, latest, units, ranking(published));
    }

    /** Each kind's published, non-suppressed units, ranked by the statistics core; kinds in their order. */
    private static List<KindRanking> ranking(List<Publications.Publication> published) {
        var byKind = new LinkedHashMap<String, List<Publications.Publication>>();
        published.stream().filter(p -> !p.suppressed())
                .forEach(p -> byKind.computeIfAbsent(p.unit().kind(), k -> new ArrayList<>()).add(p));
        var rankings = new ArrayList<KindRanking>();
        byKind.forEach((kind, members) -> {
            var indices = new LinkedHashMap<String, Estimate>();
            var byCode = new LinkedHashMap<String, Publications.Unit>();
            members.forEach(p -> {
                indices.put(p.unit().code(), p.index());
                byCode.put(p.unit().code(), p.unit());
            });
            var places = Rankings.rank(indices).stream().map(r -> {
                var u = byCode.get(r.key());
                return new Place(u.code(), u.nameVi(), u.nameEn(), r.rank(), r.tied(), new RankRange(r.rank(), r.worstRank()), r.index());
            }).toList();
            var first = members.get(0).unit();
            rankings.add(new KindRanking(kind, first.kindVi(), first.kindEn(), places));
        });
        return rankings;
    }

    private static List<Object> nulls(int count) {
        var list = new ArrayList<Object>();
        for (int i = 0; i < count; i++) {
            list.add(null);
        }
        return list;
    }
}
