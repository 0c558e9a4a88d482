package vn.hailong.alerts;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * An alert's e-mail in Vietnamese: the subject names the unit and the change (or the target) with its interval; the
 * body gives both windows, the test, the criteria that moved most and the dashboard's address for the unit.
 */
record Wording(String subject, String body, String link) {

    static Wording of(String unitName, String unitCode, String questionnaire, String kind, AlertCheck.Figures f,
                      Alerts.Windows windows, Map<String, String> criterionNames, String site) {
        var c = f.change();
        var link = site + "/dashboard/?unit=" + URLEncoder.encode(unitCode, StandardCharsets.UTF_8)
                + "&questionnaire=" + URLEncoder.encode(questionnaire, StandardCharsets.UTF_8)
                + "&year=" + windows.recent().to().getYear();
        String subject;
        if (kind.equals(AlertCheck.DROP)) {
            subject = "Cảnh báo: chỉ số hài lòng của " + unitName + " giảm " + points(-c.delta()) + " điểm (KTC 95 %: "
                    + points(-c.high()) + " đến " + points(-c.low()) + " điểm) trong " + Alerts.RECENT_WEEKS
                    + " tuần gần nhất";
        } else {
            subject = "Cảnh báo: chỉ số hài lòng của " + unitName + " thấp hơn mục tiêu " + points(f.target().value())
                    + " (" + points(f.recent().value()) + " điểm, KTC 95 %: " + points(f.recent().low()) + "–"
                    + points(f.recent().high()) + ") trong " + Alerts.RECENT_WEEKS + " tuần gần nhất";
        }
        var body = new StringBuilder();
        body.append(subject).append(".\n\n");
        body.append("Cơ quan, đơn vị: ").append(unitName).append(" (").append(unitCode).append(")\n");
        body.append("Phiếu đánh giá: ").append(questionnaire).append('\n');
        body.append(Alerts.RECENT_WEEKS).append(" tuần gần nhất (").append(Alerts.day(windows.recent().from()))
                .append(" – ").append(Alerts.day(windows.recent().to())).append("): chỉ số ")
                .append(figure(f.recent())).append('\n');
        if (f.baseline() == null) {
            body.append(Alerts.BASELINE_WEEKS).append(" tuần trước đó (").append(Alerts.day(windows.baseline().from()))
                    .append(" – ").append(Alerts.day(windows.baseline().to())).append("): chưa đủ ").append(f.minN())
                    .append(" phiếu để so sánh.\n");
        } else {
            body.append(Alerts.BASELINE_WEEKS).append(" tuần trước đó (").append(Alerts.day(windows.baseline().from()))
                    .append(" – ").append(Alerts.day(windows.baseline().to())).append("): chỉ số ")
                    .append(figure(f.baseline())).append('\n');
            body.append("Thay đổi: ").append(signed(c.delta())).append(" điểm (KTC 95 %: ").append(signed(c.low()))
                    .append(" đến ").append(signed(c.high())).append("); p = ").append(probability(c.p()))
                    .append("; sau hiệu chỉnh Benjamini–Hochberg trên ").append(f.family())
                    .append(" cơ quan, đơn vị được kiểm tra: q = ").append(probability(c.q()))
                    .append(!c.significant() ? " (chưa có ý nghĩa thống kê)"
                            : c.delta() < 0 ? " (giảm có ý nghĩa thống kê)" : " (tăng có ý nghĩa thống kê)").append('\n');
        }
        if (f.target() != null) {
            body.append("Mục tiêu năm ").append(windows.recent().to().getYear()).append(": ")
                    .append(points(f.target().value()))
                    .append(f.target().inherited() ? " (theo mục tiêu của " + f.target().from() + ")" : "")
                    .append(f.recent().high() < f.target().value()
                            ? "; cả khoảng tin cậy nằm dưới mục tiêu: chưa đạt." : ".")
                    .append('\n');
        }
        if (!f.criteria().isEmpty()) {
            boolean allFell = f.criteria().stream().allMatch(x -> x.change().delta() < 0);
            body.append(allFell ? "\nCác tiêu chí giảm nhiều nhất:\n" : "\nCác tiêu chí giảm nhiều nhất hoặc tăng ít nhất:\n");
            for (var criterion : f.criteria()) {
                var cc = criterion.change();
                var name = criterionNames.get(criterion.code());
                body.append("- ").append(name == null ? criterion.code() : name + " (" + criterion.code() + ")")
                        .append(": ").append(points(criterion.baseline()))
                        .append(" → ").append(points(criterion.recent())).append(" (").append(signed(cc.delta()))
                        .append(" điểm, KTC 95 %: ").append(signed(cc.low())).append(" đến ").append(signed(cc.high()))
                        .append(")\n");
            }
        }
        body.append("\nXem chi tiết trên bảng điều khiển: ").append(link).append('\n');
        body.append("Cảnh báo chỉ được gửi cho cơ quan, đơn vị có từ ").append(f.minN())
                .append(f.baseline() == null ? " phiếu trở lên trong " + Alerts.RECENT_WEEKS + " tuần gần nhất.\n"
                        : " phiếu trở lên ở cả hai giai đoạn.\n");
        return new Wording(subject, body.toString(), link);
    }

    private static String figure(AlertCheck.Figure f) {
        return points(f.value()) + " (KTC 95 %: " + points(f.low()) + "–" + points(f.high()) + "), " + count(f.n())
                + " phiếu";
    }

    /** One decimal with a decimal comma, as Vietnamese writes it: 8,2. */
    static String points(double v) {
        return String.format(Locale.ROOT, "%.1f", v).replace('.', ',');
    }

    static String signed(double v) {
        var text = points(Math.abs(v));
        return (v < 0 && !text.equals("0,0") ? "−" : v > 0 && !text.equals("0,0") ? "+" : "") + text;
    }

    static String probability(double p) {
        return p < 0.0001 ? "< 0,0001" : String.format(Locale.ROOT, "%.4f", p).replace('.', ',');
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n).replace(',', '.');
    }
}
