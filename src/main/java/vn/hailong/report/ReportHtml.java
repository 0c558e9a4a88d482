package vn.hailong.report;

import java.util.Comparator;
import java.util.List;

/**
 * A report as the XHTML openhtmltopdf lays out: the heading of an official Vietnamese report (issuing body, number,
 * national heading and motto, place and date), the title, the executive summary, the overall index with its trend, the
 * elements, the criteria, the ranking of units, recommendations for the weakest criteria and a note on method. Tables
 * repeat their header on each page and never split a row; a heading stays with what follows it.
 */
final class ReportHtml {
    /** How many of the weakest criteria get a recommendation. */
    static final int WEAKEST = 3;

    private final Report r;
    private final Wording w;
    private final StringBuilder html = new StringBuilder(64_000);

    private ReportHtml(Report report) {
        this.r = report;
        this.w = new Wording(report.english());
    }

    static String of(Report report) {
        return new ReportHtml(report).build();
    }

    private String build() {
        html.append("<!DOCTYPE html>\n<html lang=\"").append(r.english() ? "en" : "vi").append("\"><head><meta charset=\"utf-8\"/>")
                .append("<title>").append(esc(title())).append("</title><style>").append(CSS)
                .append("@page { @bottom-center { font-family: '").append(ReportPdf.FAMILY)
                .append("'; font-size: 9pt; content: \"").append(w.t("Trang ", "Page "))
                .append("\" counter(page) \"/\" counter(pages); } }</style></head><body>");
        heading();
        summary();
        overall();
        elements();
        criteria();
        ranking();
        recommendations();
        method();
        html.append("</body></html>");
        return html.toString();
    }

    private String title() {
        return w.t("Báo cáo kết quả đo lường sự hài lòng " + w.period(r.period()),
                "Satisfaction measurement report " + w.period(r.period()));
    }

    private void heading() {
        var h = r.heading();
        html.append("<table class=\"heading\"><tr><td class=\"issuer\">")
                .append("<div>").append(esc(h.superior())).append("</div>")
                .append("<div class=\"b\"><span class=\"rule\">").append(esc(h.issuer())).append("</span></div>")
                .append("<div class=\"number\">").append(w.t("Số: ", "No. ")).append(esc(h.number())).append("</div>")
                .append("</td><td class=\"nation\">")
                .append("<div class=\"b\">").append(w.t("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "SOCIALIST REPUBLIC OF VIET NAM"))
                .append("</div><div class=\"b motto\"><span class=\"rule\">")
                .append(w.t("Độc lập - Tự do - Hạnh phúc", "Independence - Freedom - Happiness")).append("</span></div>")
                .append("<div class=\"date\">").append(esc(h.place())).append(", ").append(w.dateLine(h.date()))
                .append("</div></td></tr></table>");
        html.append("<h1>").append(w.t("BÁO CÁO", "REPORT")).append("</h1><p class=\"subject\">")
                .append(esc(w.t("Kết quả đo lường sự hài lòng của người dân, tổ chức đối với sự phục vụ của cơ quan hành chính nhà nước "
                                + w.period(r.period()),
                        "Citizens' and organisations' satisfaction with the service of state administrative agencies, "
                                + w.period(r.period()))))
                .append("</p><p class=\"scope\">").append(w.t("Cơ quan, đơn vị: ", "Unit: ")).append(esc(r.scope().name()))
                .append(" · ").append(w.t("Phiếu đánh giá: ", "Questionnaire: ")).append(esc(r.questionnaire())).append("</p>");
        for (var sentence : r.boundaries()) {
            html.append("<p class=\"note boundaries\">").append(esc(sentence)).append("</p>");
        }
    }

    private void summary() {
        html.append("<div class=\"keep\"><h2 id=\"summary\">").append(w.t("I. TÓM TẮT", "I. SUMMARY")).append("</h2><ul class=\"summary\">");
        Summary.of(r).forEach(s -> html.append("<li>").append(unbroken(esc(s))).append("</li>"));
        html.append("</ul></div>");
    }

    private void overall() {
        var s = r.scope();
        html.append("<div class=\"keep\"><h2>").append(w.t("II. KẾT QUẢ CHUNG", "II. OVERALL RESULT")).append("</h2>");
        if (s.index() == null) {
            html.append("<p>").append(esc(w.t("Chưa đủ phiếu để công bố chỉ số.", "Too few responses to publish an index.")))
                    .append("</p></div>");
            return;
        }
        html.append("<table class=\"data keyfigures\"><thead><tr>")
                .append(th(w.t("Số phiếu", "Responses"))).append(th(w.t("Chỉ số hài lòng", "Satisfaction index")))
                .append(th(w.t("KTC 95 %", "95 % CI"))).append(th(w.t("Thay đổi so với ", "Change since ") + w.baselineShort(r.period())))
                .append(th(w.t("p hiệu chỉnh", "Adjusted p"))).append("</tr></thead><tbody><tr>")
                .append(num(w.count(s.n()))).append(num(w.num(s.index().value()))).append(num(w.interval(s.index())))
                .append(change(s.change())).append("</tr></tbody></table>");
        var shown = r.months().stream().filter(m -> m.index() != null).count();
        if (shown >= 2) {
            html.append("<div class=\"chart\"><img alt=\"").append(esc(w.t("Chỉ số theo tháng với khoảng tin cậy 95 %",
                            "The index by month with its 95 % confidence interval")))
                    .append("\" src=\"").append(Charts.trend(w, r.months(), 640, 300)).append("\"/><p class=\"caption\">")
                    .append(esc(w.t("Hình 1. Chỉ số hài lòng theo tháng, " + trendSpan()
                                    + ", với khoảng tin cậy 95 % (tháng chưa đủ phiếu để trống).",
                            "Figure 1. The satisfaction index by month, " + trendSpan()
                                    + ", with its 95 % confidence interval (months with too few responses left out).")))
                    .append("</p></div>");
        }
        html.append("</div>");
    }

    private void elements() {
        var rows = r.elements().stream().filter(e -> e.index() != null).toList();
        if (rows.isEmpty()) {
            return;
        }
        html.append("<div class=\"keep\"><h2>").append(w.t("III. CÁC YẾU TỐ", "III. ELEMENTS")).append("</h2>");
        html.append("<div class=\"chart\"><img alt=\"").append(esc(w.t("Chỉ số các yếu tố với khoảng tin cậy 95 %",
                        "Element indices with their 95 % confidence intervals")))
                .append("\" src=\"").append(Charts.intervals(w, rows.stream().map(Report.ElementRow::name).toList(),
                        rows.stream().map(Report.ElementRow::index).toList(), 640, 60 + 34 * rows.size()))
                .append("\"/><p class=\"caption\">")
                .append(esc(w.t("Hình 2. Chỉ số các yếu tố (điểm) với khoảng tin cậy 95 %.",
                        "Figure 2. Element indices (points) with their 95 % confidence intervals.")))
                .append("</p></div></div>");
        html.append("<table class=\"data\"><thead><tr>").append(th(w.t("Yếu tố", "Element"))).append(th(w.t("Chỉ số", "Index")))
                .append(th(w.t("KTC 95 %", "95 % CI"))).append(th(w.t("Thay đổi", "Change")))
                .append(th(w.t("p hiệu chỉnh", "Adjusted p"))).append("</tr></thead><tbody>");
        for (var e : rows) {
            html.append("<tr><td>").append(esc(e.code() + " " + e.name())).append("</td>").append(num(w.num(e.index().value())))
                    .append(num(w.interval(e.index()))).append(change(e.change())).append("</tr>");
        }
        html.append("</tbody></table>");
    }

    private void criteria() {
        if (r.criteria().isEmpty()) {
            return;
        }
        html.append("<h2>").append(w.t("IV. CÁC TIÊU CHÍ", "IV. CRITERIA")).append("</h2><p class=\"note\">")
                .append(esc(w.t("Tỷ lệ người trả lời hài lòng với từng tiêu chí (%), khoảng tin cậy Wilson 95 %, số người trả lời và thay đổi so với "
                                + w.baseline(r.period()) + ".",
                        "The share who were satisfied with each criterion (%), its 95 % Wilson interval, how many answered, and its change since "
                                + w.baseline(r.period()) + ".")))
                .append("</p><table class=\"data\"><thead><tr>").append(th(w.t("Tiêu chí", "Criterion")))
                .append(th(w.t("Hài lòng (%)", "Satisfied (%)"))).append(th(w.t("KTC 95 %", "95 % CI")))
                .append(th(w.t("Số trả lời", "Answered"))).append(th(w.t("Thay đổi", "Change")))
                .append(th(w.t("p hiệu chỉnh", "Adjusted p"))).append("</tr></thead><tbody>");
        for (var c : r.criteria()) {
            html.append("<tr><td>").append(esc(c.code() + " " + c.name())).append("</td>")
                    .append(c.share() == null ? num("–") + num("–") : num(w.num(c.share().value())) + num(w.interval(c.share())))
                    .append(num(w.count(c.answered()))).append(change(c.change())).append("</tr>");
        }
        html.append("</tbody></table>");
    }

    private void ranking() {
        // In the order of /rankings: by index, highest first.
        var ranked = r.units().stream().filter(u -> u.rank() != null).toList();
        var withheld = r.units().stream().filter(u -> u.rank() == null).toList();
        if (ranked.isEmpty() && withheld.isEmpty()) {
            return;
        }
        html.append("<div class=\"keep\"><h2 id=\"ranking\">").append(w.t("V. XẾP HẠNG CÁC CƠ QUAN, ĐƠN VỊ", "V. RANKING OF UNITS")).append("</h2>")
                .append("<p class=\"note\">").append(esc(w.t(
                        "Xếp theo chỉ số hài lòng, từ cao đến thấp. Hạng ghi thành khoảng, ví dụ «2–5», là các vị trí mà khoảng tin cậy 95 % cho phép: một cơ quan, đơn vị chỉ được xếp chắc chắn trên một cơ quan, đơn vị khác khi khoảng tin cậy của hai nơi không chồng lên nhau. Cột thay đổi so với "
                                + w.baseline(r.period()) + "; dấu * là thay đổi có ý nghĩa thống kê.",
                        "Ranked by satisfaction index, highest first. A rank written as a range, such as “2–5”, is every place the 95 % confidence intervals allow: one unit is placed above another for sure only when their intervals do not overlap. The change is since "
                                + w.baseline(r.period()) + "; * marks a significant change.")))
                .append("</p>");
        if (ranked.size() >= 2) {
            html.append("<div class=\"chart\"><img alt=\"").append(esc(w.t("Chỉ số các cơ quan, đơn vị với khoảng tin cậy 95 %",
                            "Unit indices with their 95 % confidence intervals")))
                    .append("\" src=\"").append(Charts.intervals(w, ranked.stream().map(u -> u.places() + ". " + u.name()).toList(),
                            ranked.stream().map(Report.UnitRow::index).toList(), 640, 60 + 26 * ranked.size()))
                    .append("\"/><p class=\"caption\">")
                    .append(esc(w.t("Hình 3. Chỉ số các cơ quan, đơn vị (điểm) với khoảng tin cậy 95 %, từ cao đến thấp.",
                            "Figure 3. Unit indices (points) with their 95 % confidence intervals, highest first.")))
                    .append("</p></div>");
        }
        html.append("</div><table class=\"data\" id=\"ranking-table\"><thead><tr>").append(th(w.t("Hạng", "Rank")))
                .append(th(w.t("Cơ quan, đơn vị", "Unit"))).append(th(w.t("Số phiếu", "Responses")))
                .append(th(w.t("Chỉ số", "Index"))).append(th(w.t("KTC 95 %", "95 % CI"))).append(th(w.t("Thay đổi", "Change")))
                .append("</tr></thead><tbody>");
        for (var u : ranked) {
            html.append("<tr>").append(num(u.places())).append("<td>")
                    .append(esc(u.name())).append("</td>").append(num(w.count(u.n()))).append(num(w.num(u.index().value())))
                    .append(num(w.interval(u.index())))
                    .append(num(u.change() == null ? "–" : w.signed(u.change().delta()) + (u.change().significant() ? "*" : "")))
                    .append("</tr>");
        }
        html.append("</tbody></table>");
        if (!withheld.isEmpty()) {
            html.append("<p class=\"note\">").append(esc(w.t("Chưa đủ " + r.minN() + " phiếu để xếp hạng: ",
                            "Fewer than " + r.minN() + " responses, not ranked: ")
                    + String.join("; ", withheld.stream().map(u -> u.name() + " (" + w.count(u.n()) + ")").toList()) + "."))
                    .append("</p>");
        }
    }

    /** The weakest criteria (lowest share satisfied, the overall question aside), each with what to do. */
    private void recommendations() {
        var weakest = weakest(r.criteria());
        if (weakest.isEmpty()) {
            return;
        }
        html.append("<div class=\"keep\"><h2 id=\"recommendations\">").append(w.t("VI. KIẾN NGHỊ", "VI. RECOMMENDATIONS"))
                .append("</h2><p>").append(esc(w.t("Cần tập trung cải thiện các tiêu chí có tỷ lệ hài lòng thấp nhất:",
                        "Improvement should focus on the criteria with the lowest share satisfied:")))
                .append("</p><ol class=\"advice\">");
        for (var c : weakest) {
            html.append("<li><span class=\"b\">").append(esc(c.code() + " " + c.name() + " (" + w.num(c.share().value()) + " %)"))
                    .append("</span>: ").append(esc(Recommendations.of(w, c.code(), c.element(), c.name()))).append("</li>");
        }
        html.append("</ol></div>");
    }

    static List<Report.CriterionRow> weakest(List<Report.CriterionRow> criteria) {
        return criteria.stream().filter(c -> !c.overall() && c.share() != null)
                .sorted(Comparator.comparingDouble(c -> c.share().value())).limit(WEAKEST).toList();
    }

    private void method() {
        html.append("<div class=\"keep method\"><h2>").append(w.t("GHI CHÚ PHƯƠNG PHÁP", "NOTE ON METHOD")).append("</h2><p>")
                .append(esc(w.t("Chỉ số hài lòng (0–100 điểm) và khoảng tin cậy 95 % tính từ phiếu đánh giá của người dân; nhóm dưới "
                                + r.minN() + " phiếu không công bố. Thay đổi so với " + (r.period().isYear() ? "năm trước" : "cùng kỳ năm trước") + " được kiểm định z hai phía; p hiệu chỉnh theo Benjamini–Hochberg (q = 0,05) trong từng nhóm so sánh: các cơ quan, đơn vị với nhau, các yếu tố với nhau, các tiêu chí với nhau. Thay đổi \"có ý nghĩa thống kê\" là thay đổi khó có thể do ngẫu nhiên của mẫu.",
                        "Satisfaction indices (0–100 points) and their 95 % confidence intervals come from citizens' ratings; groups under "
                                + r.minN() + " responses are not published. Changes since " + (r.period().isYear() ? "the previous year" : "the same period a year before") + " are tested by a two-sided z test; p-values are adjusted by Benjamini–Hochberg (q = 0.05) within each family compared: the units together, the elements together, the criteria together. A \"significant\" change is one that the chance of sampling hardly explains.")))
                .append("</p></div>");
    }

    /** The months of the trend: "2024–2025" for a year, "11/2025–11/2026" for a month. */
    private String trendSpan() {
        var p = r.period();
        if (p.isYear()) {
            return p.baselineFrom().getYear() + "–" + p.to().getYear();
        }
        return w.month(p.baselineFrom().toString().substring(0, 7)) + "–" + w.month(p.to().toString().substring(0, 7));
    }

    private String change(Report.Change c) {
        if (c == null) {
            return num("–") + num("–");
        }
        return num(w.signed(c.delta()) + (c.significant() ? "*" : "")) + num(w.p(c.adjustedP()));
    }

    private static String th(String text) {
        return "<th>" + esc(text) + "</th>";
    }

    private static String num(String text) {
        return "<td class=\"n\">" + esc(text) + "</td>";
    }

    private static final java.util.regex.Pattern NUMBER =
            java.util.regex.Pattern.compile("(?<![\\p{L}\\d])\\(?[+−]?\\d+(?:[.,]\\d+)*(?:–\\d+(?:[.,]\\d+)*)?(?: %| điểm| points)?\\)*[.;,]?");

    /** Escaped text whose numbers ("+16,8 điểm", "51,1–55,4") are never broken across lines. */
    static String unbroken(String escaped) {
        return NUMBER.matcher(escaped).replaceAll("<span class=\"nw\">$0</span>");
    }

    /** Text as XHTML: every markup character escaped, control characters dropped. */
    static String esc(String text) {
        var out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                default -> {
                    if (c >= 0x20 || c == '\n' || c == '\t') {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    private static final String CSS = String.join("\n",
            "@page { size: A4; margin: 20mm 15mm 20mm 30mm; }",
            "* { font-family: '" + ReportPdf.FAMILY + "'; }",
            "body { font-size: 10.5pt; line-height: 1.35; color: #000; }",
            ".nw { white-space: nowrap; }",
            ".b { font-weight: bold; }",
            "table.heading { width: 100%; border-collapse: collapse; margin-bottom: 8mm; }",
            "table.heading td { vertical-align: top; text-align: center; font-size: 10pt; padding: 0; }",
            "td.issuer { width: 40%; } td.nation { width: 60%; }",
            ".rule { border-bottom: 0.8pt solid #000; padding-bottom: 1pt; }",
            ".number { margin-top: 3mm; } .motto { margin-top: 1mm; }",
            ".date { margin-top: 4mm; font-style: italic; }",
            "h1 { text-align: center; font-size: 13pt; margin: 4mm 0 1mm 0; }",
            ".subject { text-align: center; font-weight: bold; margin: 0 10mm 2mm 10mm; }",
            ".scope { text-align: center; font-size: 9.5pt; margin: 0 0 6mm 0; }",
            "h2 { font-size: 11pt; margin: 6mm 0 2mm 0; page-break-after: avoid; -fs-page-break-min-height: 60mm; }",
            "ul.summary { margin: 0; padding-left: 5mm; } ul.summary li { margin-bottom: 1.5mm; text-align: justify; }",
            "ol.advice li { margin-bottom: 1.5mm; text-align: justify; }",
            ".keep { page-break-inside: avoid; }",
            "table.data { width: 100%; border-collapse: collapse; -fs-table-paginate: paginate; font-size: 9pt; margin-bottom: 3mm; }",
            "table.data thead { display: table-header-group; }",
            "table.data tr { page-break-inside: avoid; }",
            "table.data th { background: #e8edf5; font-weight: bold; text-align: left; }",
            "table.data th, table.data td { border: 0.5pt solid #777; padding: 1.2mm 1.5mm; vertical-align: top; }",
            "td.n { text-align: right; white-space: nowrap; }",
            "table.keyfigures td.n { font-size: 10.5pt; }",
            ".chart { text-align: center; margin: 2mm 0 4mm 0; }",
            ".chart img { width: 160mm; }",
            ".caption { font-size: 9pt; font-style: italic; margin: 1mm 0 0 0; }",
            ".note { font-size: 9pt; text-align: justify; }",
            ".method p { font-size: 9pt; text-align: justify; }");
}
