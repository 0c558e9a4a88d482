package vn.hailong.report;

import java.util.Map;

/**
 * What a report recommends for a weak criterion: one sentence per SIPAS criterion, else one per element (for a
 * questionnaire whose criteria have other codes), else a sentence that names the criterion. Kept here, in both
 * languages, because a recommendation is the province's wording, not a figure.
 */
final class Recommendations {
    private record Advice(String vi, String en) {
    }

    private static final Map<String, Advice> BY_CRITERION = Map.ofEntries(
            Map.entry("TC1", new Advice("Rà soát, bổ sung biển chỉ dẫn và sơ đồ nơi làm thủ tục ở vị trí dễ thấy, chữ to, dễ hiểu.",
                    "Review the signs and floor plans of the service desks: easy to see, large print, plain words.")),
            Map.entry("TC2", new Advice("Bố trí đủ ghế chờ, nước uống và khu vực chờ thoáng mát vào giờ cao điểm.",
                    "Provide enough seats, drinking water and a cool waiting area at peak hours.")),
            Map.entry("TC3", new Advice("Kiểm tra định kỳ và sửa chữa kịp thời máy lấy số, máy tính tra cứu, máy in phục vụ người dân.",
                    "Check the queue ticket machines, lookup computers and printers regularly and repair them promptly.")),
            Map.entry("TT1", new Advice("Niêm yết công khai, đầy đủ, cập nhật thủ tục hành chính tại nơi tiếp nhận và trên Cổng dịch vụ công.",
                    "Publish every administrative procedure, complete and current, at the desk and on the public service portal.")),
            Map.entry("TT2", new Advice("Chấn chỉnh việc yêu cầu thêm giấy tờ ngoài quy định; công khai danh mục giấy tờ tại quầy.",
                    "Stop asking for documents beyond the rules; post the list of required documents at each counter.")),
            Map.entry("TT3", new Advice("Công khai mức phí, lệ phí và thu đúng quy định, có biên lai đầy đủ.",
                    "Post the fees and charge exactly what the rules set, with a receipt every time.")),
            Map.entry("TT4", new Advice("Theo dõi hồ sơ sắp đến hạn, rút ngắn khâu luân chuyển giữa các bộ phận để giải quyết đúng thời hạn.",
                    "Track dossiers close to their due date and shorten the hand-overs between offices so that results come on time.")),
            Map.entry("CC1", new Advice("Tổ chức tập huấn kỹ năng giao tiếp, ứng xử với người dân cho công chức tiếp nhận hồ sơ.",
                    "Train the civil servants at the desks in courteous, respectful service.")),
            Map.entry("CC2", new Advice("Xây dựng bộ hướng dẫn mẫu, hướng dẫn một lần đầy đủ, tránh để người dân đi lại nhiều lần.",
                    "Write standard guidance so that citizens are told everything once and need not come back.")),
            Map.entry("CC3", new Advice("Tăng cường kiểm tra, giám sát việc thực hiện đúng quy trình giải quyết thủ tục hành chính.",
                    "Strengthen the supervision of how procedures are carried out.")),
            Map.entry("KQ1", new Advice("Thông báo trước cho người dân khi hồ sơ có nguy cơ trễ hẹn và xin lỗi bằng văn bản khi trễ hẹn.",
                    "Tell citizens in advance when a dossier may be late, and apologise in writing when it is.")),
            Map.entry("KQ2", new Advice("Kiểm tra kỹ kết quả trước khi trả, giảm sai sót phải điều chỉnh lại.",
                    "Check results before handing them over, so that fewer need correcting.")),
            Map.entry("KQ3", new Advice("Công khai căn cứ pháp lý của kết quả giải quyết và giải thích rõ khi từ chối.",
                    "State the legal grounds of each result and explain every refusal.")),
            Map.entry("PA1", new Advice("Công khai địa chỉ, số điện thoại, hòm thư và kênh trực tuyến tiếp nhận phản ánh, kiến nghị.",
                    "Publish the address, phone number, box and online channel for feedback.")),
            Map.entry("PA2", new Advice("Xử lý phản ánh, kiến nghị đúng quy trình và thông báo kết quả cho người phản ánh.",
                    "Handle feedback by the rules and tell each citizen what came of it.")),
            Map.entry("PA3", new Advice("Trả lời phản ánh, kiến nghị trong thời hạn quy định; theo dõi các phản ánh quá hạn.",
                    "Answer feedback within the time set, and follow up every overdue answer.")));

    private static final Map<String, Advice> BY_ELEMENT = Map.of(
            "TC", new Advice("Cải thiện cơ sở vật chất và chỉ dẫn tại nơi tiếp nhận hồ sơ.",
                    "Improve the premises and the signs where dossiers are received."),
            "TT", new Advice("Rà soát, đơn giản hóa và công khai đầy đủ thủ tục hành chính.",
                    "Review, simplify and publish the administrative procedures in full."),
            "CC", new Advice("Nâng cao thái độ và kỹ năng phục vụ của công chức.",
                    "Improve the civil servants' attitude and skills."),
            "KQ", new Advice("Bảo đảm kết quả đúng hẹn, đầy đủ và chính xác.",
                    "Make sure results come on time, complete and correct."),
            "PA", new Advice("Tiếp nhận và trả lời phản ánh, kiến nghị kịp thời, đúng quy định.",
                    "Receive and answer feedback promptly and by the rules."));

    private Recommendations() {
    }

    /** The recommendation for a criterion, in the report's language. */
    static String of(Wording w, String criterion, String element, String name) {
        var advice = BY_CRITERION.get(criterion);
        if (advice == null && element != null) {
            advice = BY_ELEMENT.get(element);
        }
        if (advice == null) {
            advice = new Advice("Tìm hiểu nguyên nhân qua ý kiến của người dân và đề ra biện pháp cải thiện tiêu chí «" + name + "».",
                    "Find the causes in what citizens wrote and set measures to improve \"" + name + "\".");
        }
        return w.t(advice.vi(), advice.en());
    }
}
