package vn.hailong.survey;

import java.util.ArrayList;
import java.util.List;

/**
 * The default content of every installation: scales, channels, unit kinds and the three questionnaire
 * templates (SIPAS-style survey, per-dossier 3-level rating, one-tap kiosk card). The indicator codes
 * are those of METHODOLOGY.md; the wording is the project's own.
 */
public final class Templates {
    private Templates() {
    }

    record Label(String vi, String en) {
    }

    record Scale(String code, String nameVi, String nameEn, boolean ordinal, Short satisfiedFrom,
                        List<Label> levels) {
    }

    /** weight: the element's share of the overall index; null gives every element the same. */
    public record Element(String code, String nameVi, String nameEn, Double weight) {
        Element(String code, String nameVi, String nameEn) {
            this(code, nameVi, nameEn, null);
        }
    }

    public record Criterion(String code, String kind, String element, String scale, String textVi, String textEn,
                            boolean required, boolean allowsNa, String requiredIfCode, Short[] requiredIfLevels) {

        static Criterion rating(String element, String code, String textVi, String textEn) {
            return new Criterion(code, "rating", element, "SAT5", textVi, textEn, true, true, null, null);
        }

        static Criterion optional(String kind, String scale, String code, String textVi, String textEn) {
            return new Criterion(code, kind, null, scale, textVi, textEn, false, false, null, null);
        }
    }

    public record Questionnaire(String code, String methodology, String nameVi, String nameEn,
                                String titleVi, String titleEn, String introVi, String introEn,
                                List<Element> elements, List<Criterion> criteria) {
    }

    static final List<String> KINDS = List.of("rating", "overall", "expectation", "incident", "problem", "reason");

    record UnitKind(String code, String nameVi, String nameEn, short rank) {
    }

    record Channel(String code, String nameVi, String nameEn) {
    }

    static final List<UnitKind> UNIT_KINDS = List.of(
            new UnitKind("province", "Tỉnh, thành phố trực thuộc trung ương", "Province or centrally-run city", (short) 1),
            new UnitKind("department", "Sở, ban, ngành", "Department or agency", (short) 2),
            new UnitKind("district", "Huyện, quận, thị xã, thành phố thuộc tỉnh", "District", (short) 2),
            new UnitKind("office", "Đơn vị trực thuộc", "Subordinate office", (short) 3),
            new UnitKind("branch", "Chi nhánh", "Branch", (short) 4),
            new UnitKind("commune", "Xã, phường, đặc khu", "Commune, ward or special zone", (short) 3));

    static final List<Channel> CHANNELS = List.of(
            new Channel("kiosk", "Máy đánh giá tại Bộ phận Một cửa", "Kiosk at the one-stop desk"),
            new Channel("qr", "Quét mã QR", "QR code"),
            new Channel("web", "Đường dẫn trực tuyến", "Online link"),
            new Channel("online", "Trực tuyến (dữ liệu nhập từ hệ thống khác)", "Online (imported)"),
            new Channel("interview", "Phỏng vấn trực tiếp", "Face-to-face interview"));

    private static Label l(String vi, String en) {
        return new Label(vi, en);
    }

    static final List<Scale> SCALES = List.of(
            new Scale("SAT5", "Mức độ hài lòng (5 mức)", "Satisfaction (5 levels)", true, (short) 4, List.of(
                    l("Rất không hài lòng", "Very dissatisfied"),
                    l("Không hài lòng", "Dissatisfied"),
                    l("Bình thường", "Neither satisfied nor dissatisfied"),
                    l("Hài lòng", "Satisfied"),
                    l("Rất hài lòng", "Very satisfied"))),
            new Scale("DOSSIER3", "Đánh giá hồ sơ (3 mức)", "Dossier rating (3 levels)", true, (short) 2, List.of(
                    l("Không hài lòng", "Not satisfied"),
                    l("Hài lòng", "Satisfied"),
                    l("Rất hài lòng", "Very satisfied"))),
            new Scale("SAT4", "Mức độ hài lòng (4 mức)", "Satisfaction (4 levels)", true, (short) 3, List.of(
                    l("Rất không hài lòng", "Very dissatisfied"),
                    l("Không hài lòng", "Dissatisfied"),
                    l("Hài lòng", "Satisfied"),
                    l("Rất hài lòng", "Very satisfied"))),
            new Scale("QUALITY4", "Chất lượng (4 mức)", "Quality (4 levels)", true, (short) 3, List.of(
                    l("Không tốt", "Poor"),
                    l("Chưa tốt", "Fair"),
                    l("Tốt", "Good"),
                    l("Rất tốt", "Very good"))),
            new Scale("EXPECT4", "Mức độ mong muốn (4 mức)", "Expectation (4 levels)", true, null, List.of(
                    l("Không", "Not needed"),
                    l("Khá", "Somewhat"),
                    l("Mong muốn", "Wanted"),
                    l("Rất mong muốn", "Much wanted"))),
            new Scale("YESNO3", "Có / Không / Không muốn trả lời", "Yes / No / Prefer not to say", false, null, List.of(
                    l("Có", "Yes"),
                    l("Không", "No"),
                    l("Không muốn trả lời", "Prefer not to say"))),
            new Scale("PROBLEM6", "Vấn đề gặp phải", "Problem met", false, null, List.of(
                    l("Phải chờ lâu", "Long wait"),
                    l("Thái độ của công chức", "Civil servant's attitude"),
                    l("Hướng dẫn chưa rõ ràng", "Unclear guidance"),
                    l("Giấy tờ, thủ tục phức tạp", "Complicated documents or procedure"),
                    l("Cơ sở vật chất, trang thiết bị", "Premises or equipment"),
                    l("Vấn đề khác", "Something else"))),
            new Scale("REASON5", "Lý do chưa hài lòng", "Reason for dissatisfaction", false, null, List.of(
                    l("Trả kết quả trễ hẹn", "Result later than promised"),
                    l("Yêu cầu giấy tờ ngoài quy định", "Documents asked beyond the rules"),
                    l("Thái độ của công chức", "Civil servant's attitude"),
                    l("Thu phí, lệ phí không đúng quy định", "Fees not as the rules set"),
                    l("Lý do khác", "Another reason"))));

    public static final Questionnaire SIPAS = sipas();
    static final Questionnaire DOSSIER = dossier();
    static final Questionnaire KIOSK = kiosk();
    static final List<Questionnaire> QUESTIONNAIRES = List.of(SIPAS, DOSSIER, KIOSK);
    /** What a new questionnaire can start from: the seeded ones and the other methodologies' layouts. */
    static final List<Questionnaire> PRESETS = List.of(SIPAS, DOSSIER, KIOSK, ikm(), sdg(), meanScore());

    private static Questionnaire sipas() {
        var elements = List.of(
                new Element("TC", "Tiếp cận dịch vụ", "Access to the service"),
                new Element("TT", "Thủ tục hành chính", "Administrative procedure"),
                new Element("CC", "Công chức", "Civil servant"),
                new Element("KQ", "Kết quả giải quyết", "Result"),
                new Element("PA", "Tiếp nhận, xử lý phản ánh, kiến nghị", "Feedback handling"));
        var criteria = new ArrayList<>(List.of(
                Criterion.rating("TC", "TC1", "Biển chỉ dẫn, sơ đồ nơi làm thủ tục dễ thấy, dễ hiểu",
                        "Signs and directions to the service were easy to find and follow"),
                Criterion.rating("TC", "TC2", "Chỗ ngồi chờ đủ và thoải mái",
                        "There were enough comfortable seats while waiting"),
                Criterion.rating("TC", "TC3", "Trang thiết bị phục vụ người dân đầy đủ, dùng được",
                        "Equipment for citizens (forms, computers, pens) was there and worked"),
                Criterion.rating("TT", "TT1", "Thủ tục được niêm yết công khai, đầy đủ",
                        "The procedure was publicly posted in full"),
                Criterion.rating("TT", "TT2", "Giấy tờ phải nộp đúng như quy định, không đòi thêm",
                        "The documents asked for matched the rules, nothing more"),
                Criterion.rating("TT", "TT3", "Phí, lệ phí phải nộp đúng quy định",
                        "The fees charged matched the rules"),
                Criterion.rating("TT", "TT4", "Thời hạn giải quyết đúng quy định",
                        "The time allowed for the case matched the rules"),
                Criterion.rating("CC", "CC1", "Công chức lịch sự, tôn trọng",
                        "The civil servant was courteous and respectful"),
                Criterion.rating("CC", "CC2", "Công chức hướng dẫn đầy đủ, dễ hiểu, một lần là đủ",
                        "The civil servant explained everything clearly, in one go"),
                Criterion.rating("CC", "CC3", "Công chức làm đúng quy định",
                        "The civil servant followed the rules"),
                Criterion.rating("KQ", "KQ1", "Nhận kết quả đúng hẹn",
                        "The result came on the promised date"),
                Criterion.rating("KQ", "KQ2", "Kết quả đầy đủ, chính xác",
                        "The result was complete and accurate"),
                Criterion.rating("KQ", "KQ3", "Kết quả công bằng, đúng pháp luật",
                        "The result was fair and lawful"),
                Criterion.rating("PA", "PA1", "Dễ dàng gửi phản ánh, kiến nghị",
                        "It was easy to give feedback or make a complaint"),
                Criterion.rating("PA", "PA2", "Phản ánh, kiến nghị được xử lý đúng quy định",
                        "Feedback was handled by the rules"),
                Criterion.rating("PA", "PA3", "Phản ánh, kiến nghị được trả lời kịp thời",
                        "Feedback was answered in good time"),
                new Criterion("HL", "overall", null, "SAT5",
                        "Nhìn chung, Ông/Bà hài lòng thế nào với dịch vụ hành chính công lần này?",
                        "Overall, how satisfied are you with this public service?", true, false, null, null)));
        String[][] expectations = {
                {"MM1", "Mở rộng dịch vụ công trực tuyến", "More services online"},
                {"MM2", "Đơn giản hóa thủ tục", "Simpler procedures"},
                {"MM3", "Giảm giấy tờ phải nộp", "Fewer documents to hand in"},
                {"MM4", "Giảm phí, lệ phí", "Lower fees"},
                {"MM5", "Rút ngắn thời gian giải quyết", "Shorter time to a result"},
                {"MM6", "Công chức phục vụ tận tình hơn", "More attentive civil servants"},
                {"MM7", "Cải thiện nơi chờ, trang thiết bị", "Better waiting area and equipment"},
                {"MM8", "Thông tin, hướng dẫn rõ ràng hơn", "Clearer information and guidance"},
                {"MM9", "Xử lý phản ánh nhanh hơn", "Faster handling of feedback"},
                {"MM10", "Trả kết quả qua bưu điện hoặc trực tuyến", "Results by post or online"}};
        for (var e : expectations) {
            criteria.add(Criterion.optional("expectation", "EXPECT4", e[0], e[1], e[2]));
        }
        criteria.add(Criterion.optional("incident", "YESNO3", "SC1",
                "Ông/Bà có bị gợi ý hoặc yêu cầu trả thêm tiền ngoài quy định không?",
                "Were you hinted at or asked to pay anything beyond the official fees?"));
        criteria.add(Criterion.optional("incident", "YESNO3", "SC2",
                "Ông/Bà có phải đi lại nhiều hơn một lần để bổ sung hồ sơ không?",
                "Did you have to come back more than once to complete your dossier?"));
        return new Questionnaire("SIPAS", "SIPAS",
                "Khảo sát mức độ hài lòng (SIPAS)", "Satisfaction survey (SIPAS)",
                "Ông/Bà hài lòng thế nào với dịch vụ hành chính công?",
                "How satisfied are you with the public administrative service?",
                "Phiếu khảo sát ẩn danh, mất khoảng 3 phút. Chọn \"Không áp dụng\" cho câu hỏi không phù hợp.",
                "This survey is anonymous and takes about 3 minutes. Choose \"Not applicable\" where a question does not fit.",
                elements, List.copyOf(criteria));
    }

    private static Questionnaire dossier() {
        return new Questionnaire("DOSSIER3", "DOSSIER3",
                "Đánh giá giải quyết hồ sơ", "Dossier rating",
                "Ông/Bà đánh giá thế nào về việc giải quyết hồ sơ của mình?",
                "How would you rate the handling of your dossier?",
                null, null,
                List.of(),
                List.of(
                        new Criterion("DG", "overall", null, "DOSSIER3",
                                "Mức độ hài lòng với việc giải quyết hồ sơ",
                                "Satisfaction with how your dossier was handled", true, false, null, null),
                        new Criterion("LD", "reason", null, "REASON5",
                                "Lý do Ông/Bà chưa hài lòng", "Why were you not satisfied?",
                                false, false, "DG", new Short[] {1})));
    }

    private static Questionnaire ikm() {
        String[][] elements = {
                {"U1", "Yêu cầu hồ sơ", "Requirements"}, {"U2", "Quy trình", "Procedure"},
                {"U3", "Thời gian giải quyết", "Time to a result"}, {"U4", "Phí, lệ phí", "Fees"},
                {"U5", "Sản phẩm dịch vụ", "What the service delivers"}, {"U6", "Năng lực công chức", "Staff competence"},
                {"U7", "Thái độ công chức", "Staff conduct"}, {"U8", "Xử lý khiếu nại", "Complaint handling"},
                {"U9", "Cơ sở vật chất", "Facilities"}};
        var elementList = new ArrayList<Element>();
        var criteria = new ArrayList<Criterion>();
        for (var e : elements) {
            elementList.add(new Element(e[0], e[1], e[2]));
            criteria.add(new Criterion(e[0] + "1", "rating", e[0], "QUALITY4", e[1], e[2], true, true, null, null));
        }
        return new Questionnaire("IKM", "IKM", "Chỉ số hài lòng cộng đồng (IKM)", "Community satisfaction index (IKM)",
                "Ông/Bà đánh giá thế nào về chất lượng dịch vụ?", "How do you rate the quality of the service?",
                null, null, List.copyOf(elementList), List.copyOf(criteria));
    }

    private static Questionnaire sdg() {
        var elements = List.of(
                new Element("AC", "Tiếp cận", "Accessibility"), new Element("AF", "Chi phí", "Affordability"),
                new Element("QF", "Cơ sở vật chất", "Quality of facilities"),
                new Element("ED", "Hiệu quả", "Effective delivery"), new Element("ET", "Đối xử bình đẳng", "Equal treatment"),
                new Element("TI", "Đúng hạn", "Timeliness"));
        var criteria = new ArrayList<Criterion>();
        for (var e : elements) {
            criteria.add(new Criterion(e.code() + "1", "rating", e.code(), "SAT4", e.nameVi(), e.nameEn(), true, true,
                    null, null));
        }
        criteria.add(new Criterion("HL", "overall", null, "SAT4", "Nhìn chung, mức độ hài lòng của Ông/Bà",
                "Overall, how satisfied are you?", true, false, null, null));
        return new Questionnaire("SDG16_6_2", "SDG16_6_2", "Hài lòng với dịch vụ công (SDG 16.6.2)",
                "Satisfaction with public services (SDG 16.6.2)", "Trải nghiệm gần nhất của Ông/Bà với dịch vụ công",
                "Your last experience with public services", null, null, elements, List.copyOf(criteria));
    }

    /**
     * The SIPAS elements and criteria, without its modules, scored by mean score: each criterion 100 (M − 1)/(k − 1),
     * which on 5 levels is the UK government's published user-satisfaction score (100/75/50/25/0 per level).
     */
    private static Questionnaire meanScore() {
        var rated = SIPAS.criteria().stream()
                .filter(c -> c.kind().equals("rating") || c.kind().equals("overall"))
                .toList();
        return new Questionnaire("MEAN_SCORE", "MEAN_SCORE", "Điểm hài lòng trung bình (0–100)",
                "Mean satisfaction score (0–100)", SIPAS.titleVi(), SIPAS.titleEn(),
                "Phiếu khảo sát ẩn danh, mất khoảng 2 phút. Chọn \"Không áp dụng\" cho câu hỏi không phù hợp.",
                "This survey is anonymous and takes about 2 minutes. Choose \"Not applicable\" where a question does not fit.",
                SIPAS.elements(), rated);
    }

    private static Questionnaire kiosk() {
        return new Questionnaire("KIOSK", "SIPAS",
                "Thẻ đánh giá nhanh tại quầy", "One-tap kiosk card",
                "Ông/Bà hài lòng với việc phục vụ hôm nay không?",
                "Were you satisfied with the service today?",
                null, null,
                List.of(),
                List.of(
                        new Criterion("HL", "overall", null, "SAT5",
                                "Mức độ hài lòng với việc phục vụ hôm nay",
                                "How satisfied you are with today's service", true, false, null, null),
                        Criterion.optional("problem", "PROBLEM6", "PB",
                                "Ông/Bà gặp vấn đề gì?", "What was the problem?")));
    }
}
