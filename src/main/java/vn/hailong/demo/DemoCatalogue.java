package vn.hailong.demo;

import java.util.List;

/**
 * The fictional province of the demo: its units, fields and services, and the comments its citizens
 * write. Names follow real Vietnamese usage; the province, its codes and its people are invented.
 */
final class DemoCatalogue {
    private DemoCatalogue() {
    }

    /**
     * When a unit of the demo exists: through all three years, only before the reform (ended on its day), or only
     * from it (created on its day). The reform is the demo's 2025-style one, on 1 July of its last year.
     */
    enum Era { ALWAYS, BEFORE, AFTER }

    /**
     * A unit of the demo province. quality is its baseline on the latent satisfaction scale; story is the unit whose
     * yearly moves it shares (a commune merged in the reform shares those of the commune it became), so that the
     * current view tells the same story across the reform.
     */
    record UnitSpec(String code, String nameVi, String nameEn, String kind, String parent, List<String> fields,
                    int yearlyResponses, double quality, Era era, String story) {
        UnitSpec(String code, String nameVi, String nameEn, String kind, String parent, List<String> fields,
                 int yearlyResponses, double quality) {
            this(code, nameVi, nameEn, kind, parent, fields, yearlyResponses, quality, Era.ALWAYS, code);
        }

        /** Whether the unit exists on {@code day}, the reform falling on {@code reform}. */
        boolean validOn(java.time.LocalDate day, java.time.LocalDate reform) {
            return switch (era) {
                case ALWAYS -> true;
                case BEFORE -> day.isBefore(reform);
                case AFTER -> !day.isBefore(reform);
            };
        }
    }

    private static UnitSpec before(String code, String nameVi, String nameEn, String kind, String parent,
                                   List<String> fields, int yearlyResponses, double quality, String story) {
        return new UnitSpec(code, nameVi, nameEn, kind, parent, fields, yearlyResponses, quality, Era.BEFORE, story);
    }

    private static UnitSpec after(String code, String nameVi, String nameEn, List<String> fields, int yearlyResponses,
                                  double quality) {
        return new UnitSpec(code, nameVi, nameEn, "commune", PROVINCE, fields, yearlyResponses, quality, Era.AFTER,
                code);
    }

    record FieldSpec(String code, String nameVi, String nameEn, List<String> services) {
    }

    static final String PROVINCE = "99";

    private static final List<String> WARD = List.of("HT", "CT", "DD", "XD", "XH");
    private static final List<String> COMMUNE = List.of("HT", "CT", "DD", "XH");
    private static final List<String> DISTRICT = List.of("DD", "XD");

    /**
     * The province before and after its reform. Before: three districts (a town and two rural districts) with
     * smaller communes under them, beside the departments. After: the districts dissolved, their communes merged into
     * today's communes directly under the province (the codes and names the demo has always had), one renamed and
     * recoded, one split between two with stated shares. Parents are listed before their units.
     */
    static final List<UnitSpec> UNITS = List.of(
            new UnitSpec(PROVINCE, "Tỉnh Minh An (dữ liệu mẫu)", "Minh An Province (demo data)", "province", null,
                    List.of(), 0, 0),
            new UnitSpec("99.STP", "Sở Tư pháp", "Department of Justice", "department", PROVINCE,
                    List.of("HT", "CT"), 1100, 0.75),
            new UnitSpec("99.SXD", "Sở Xây dựng", "Department of Construction", "department", PROVINCE,
                    List.of("XD"), 1000, 0.35),
            new UnitSpec("99.STC", "Sở Tài chính", "Department of Finance", "department", PROVINCE,
                    List.of("KD"), 1200, 0.85),
            new UnitSpec("99.SNNMT", "Sở Nông nghiệp và Môi trường", "Department of Agriculture and Environment",
                    "department", PROVINCE, List.of("DD"), 900, 0.30),
            new UnitSpec("99.SNV", "Sở Nội vụ", "Department of Home Affairs", "department", PROVINCE,
                    List.of("XH"), 900, 0.70),
            new UnitSpec("99.SCT", "Sở Công Thương", "Department of Industry and Trade", "department", PROVINCE,
                    List.of("KD"), 700, 0.60),
            new UnitSpec("99.VPDK", "Văn phòng Đăng ký đất đai", "Land Registration Office", "office", "99.SNNMT",
                    List.of("DD"), 900, 0.20),
            new UnitSpec("99.VPDK.CN1", "Chi nhánh Văn phòng Đăng ký đất đai khu vực 1",
                    "Land Registration Office, area 1 branch", "branch", "99.VPDK", List.of("DD"), 600, 0.40),
            new UnitSpec("99.VPDK.CN2", "Chi nhánh Văn phòng Đăng ký đất đai khu vực 2",
                    "Land Registration Office, area 2 branch", "branch", "99.VPDK", List.of("DD"), 600, 0.10),
            // The districts, dissolved on the reform's day. Their procedures are rated at the communes' desks in the
            // demo, so that the province has no ratings of its own in either view (a dissolved unit's would count there).
            before("99.H01", "Thị xã Minh An", "Minh An Town", "district", PROVINCE, DISTRICT, 0, 0, "99.H01"),
            before("99.H02", "Huyện Bến Đá", "Ben Da District", "district", PROVINCE, DISTRICT, 0, 0, "99.H02"),
            before("99.H03", "Huyện Phú An", "Phu An District", "district", PROVINCE, DISTRICT, 0, 0, "99.H03"),
            // Thị xã Minh An: five wards and communes that became two wards.
            before("99101", "Phường 1", "Ward 1", "commune", "99.H01", WARD, 260, 0.85, "99001"),
            before("99102", "Phường 2", "Ward 2", "commune", "99.H01", WARD, 220, 0.80, "99001"),
            before("99103", "Phường 3", "Ward 3", "commune", "99.H01", WARD, 170, 0.72, "99001"),
            before("99104", "Phường Bắc Sông Cầu", "Bac Song Cau Ward", "commune", "99.H01", WARD, 330, 0.68,
                    "99004"),
            before("99105", "Xã Sông Cầu", "Song Cau Commune", "commune", "99.H01", WARD, 270, 0.60, "99004"),
            // Huyện Bến Đá.
            before("99107", "Thị trấn Bến Đá", "Ben Da Township", "commune", "99.H02", WARD, 320, 0.48, "99007"),
            before("99108", "Xã Đá Bạc", "Da Bac Commune", "commune", "99.H02", WARD, 230, 0.40, "99007"),
            new UnitSpec("99010", "Xã Tân Lập", "Tan Lap Commune", "commune", "99.H02", COMMUNE, 450, 0.90),
            before("99110", "Xã Tân Tiến", "Tan Tien Commune", "commune", "99.H02", COMMUNE, 110, 0.86, "99010"),
            // Renamed and recoded on the reform's day: 99113 Xã Hòa Bình Đông became 99013 Xã Hòa Bình.
            new UnitSpec("99113", "Xã Hòa Bình Đông", "Hoa Binh Dong Commune", "commune", "99.H02", COMMUNE, 420,
                    0.55, Era.ALWAYS, "99013"),
            // Huyện Phú An.
            new UnitSpec("99016", "Xã Phú Mỹ", "Phu My Commune", "commune", "99.H03", COMMUNE, 400, 0.60),
            before("99119", "Xã An Hòa", "An Hoa Commune", "commune", "99.H03", COMMUNE, 210, 0.28, "99019"),
            before("99120", "Xã Khánh Hưng", "Khanh Hung Commune", "commune", "99.H03", COMMUNE, 170, 0.22,
                    "99019"),
            // Split on the reform's day between Xã Phú Mỹ (60 %) and Xã An Khánh (40 %).
            before("99121", "Xã Phú An", "Phu An Commune", "commune", "99.H03", COMMUNE, 160, 0.45, "99121"),
            before("99122", "Xã Thạnh Phú", "Thanh Phu Commune", "commune", "99.H03", COMMUNE, 200, 0.72, "99022"),
            before("99123", "Xã Lợi An", "Loi An Commune", "commune", "99.H03", COMMUNE, 150, 0.68, "99022"),
            new UnitSpec("99025", "Xã Đồng Xuân", "Dong Xuan Commune", "commune", "99.H03", COMMUNE, 300, 0.50),
            new UnitSpec("99028", "Xã Núi Thành", "Nui Thanh Commune", "commune", "99.H03", COMMUNE, 30, 0.60),
            new UnitSpec("99031", "Đặc khu Hòn Ngọc", "Hon Ngoc Special Zone", "commune", PROVINCE,
                    COMMUNE, 18, 0.95),
            // The communes the reform made, under the province.
            after("99001", "Phường Minh An", "Minh An Ward", WARD, 650, 0.80),
            after("99004", "Phường Sông Cầu", "Song Cau Ward", WARD, 600, 0.65),
            after("99007", "Phường Bến Đá", "Ben Da Ward", WARD, 550, 0.45),
            after("99019", "Xã An Khánh", "An Khanh Commune", COMMUNE, 380, 0.25),
            after("99022", "Xã Thạnh Lợi", "Thanh Loi Commune", COMMUNE, 350, 0.70));

    /** Units merged into one on the reform's day (into: one of them carrying on, or a unit made that day). */
    record Merge(List<String> from, String into) {
    }

    static final List<Merge> MERGES = List.of(
            new Merge(List.of("99101", "99102", "99103"), "99001"),
            new Merge(List.of("99104", "99105"), "99004"),
            new Merge(List.of("99107", "99108"), "99007"),
            new Merge(List.of("99110"), "99010"),
            new Merge(List.of("99119", "99120"), "99019"),
            new Merge(List.of("99122", "99123"), "99022"));

    /** The commune renamed and recoded on the reform's day: 99113 → 99013. */
    static final String RENAMED = "99113";
    static final String RENAMED_CODE = "99013";
    static final String RENAMED_VI = "Xã Hòa Bình";
    static final String RENAMED_EN = "Hoa Binh Commune";

    /** The commune split on the reform's day, and each successor's share of its ratings before. */
    static final String SPLIT = "99121";
    static final java.util.Map<String, java.math.BigDecimal> SPLIT_SHARES = splitShares();

    private static java.util.Map<String, java.math.BigDecimal> splitShares() {
        var shares = new java.util.LinkedHashMap<String, java.math.BigDecimal>();
        shares.put("99016", new java.math.BigDecimal("0.6"));
        shares.put("99019", new java.math.BigDecimal("0.4"));
        return java.util.Collections.unmodifiableMap(shares);
    }

    /** The districts, dissolved on the reform's day once their communes have merged or moved away. */
    static final List<String> DISSOLVED = List.of("99.H01", "99.H02", "99.H03");

    static final List<FieldSpec> FIELDS = List.of(
            new FieldSpec("HT", "Hộ tịch", "Civil status", List.of(
                    "Đăng ký khai sinh", "Đăng ký kết hôn", "Đăng ký khai tử", "Đăng ký nhận cha, mẹ, con",
                    "Đăng ký giám hộ", "Đăng ký chấm dứt giám hộ", "Thay đổi, cải chính, bổ sung thông tin hộ tịch",
                    "Cấp bản sao trích lục hộ tịch", "Cấp giấy xác nhận tình trạng hôn nhân",
                    "Đăng ký lại khai sinh", "Đăng ký lại kết hôn", "Đăng ký khai sinh có yếu tố nước ngoài",
                    "Đăng ký kết hôn có yếu tố nước ngoài", "Ghi vào Sổ hộ tịch việc ly hôn đã giải quyết ở nước ngoài",
                    "Liên thông đăng ký khai sinh, thường trú, cấp thẻ bảo hiểm y tế",
                    "Liên thông đăng ký khai tử, xóa đăng ký thường trú, hưởng mai táng phí",
                    "Đăng ký nuôi con nuôi trong nước")),
            new FieldSpec("CT", "Chứng thực", "Certification", List.of(
                    "Cấp bản sao từ sổ gốc", "Chứng thực bản sao từ bản chính",
                    "Chứng thực chữ ký trong giấy tờ, văn bản", "Chứng thực chữ ký người dịch",
                    "Chứng thực hợp đồng, giao dịch", "Chứng thực việc sửa đổi, bổ sung hợp đồng, giao dịch",
                    "Chứng thực văn bản thỏa thuận phân chia di sản", "Chứng thực văn bản khai nhận di sản",
                    "Sửa lỗi sai sót trong hợp đồng đã được chứng thực",
                    "Cấp bản sao có chứng thực từ bản chính hợp đồng đã chứng thực",
                    "Chứng thực di chúc", "Chứng thực văn bản từ chối nhận di sản",
                    "Chứng thực hợp đồng thế chấp quyền sử dụng đất", "Chứng thực hợp đồng ủy quyền",
                    "Chứng thực điểm chỉ", "Chứng thực chữ ký người không thể ký được")),
            new FieldSpec("DD", "Đất đai", "Land", List.of(
                    "Đăng ký đất đai, tài sản gắn liền với đất lần đầu",
                    "Cấp Giấy chứng nhận quyền sử dụng đất lần đầu",
                    "Đăng ký biến động do chuyển nhượng quyền sử dụng đất",
                    "Đăng ký biến động do thừa kế quyền sử dụng đất", "Đăng ký biến động do tặng cho quyền sử dụng đất",
                    "Cấp đổi Giấy chứng nhận quyền sử dụng đất", "Cấp lại Giấy chứng nhận do bị mất",
                    "Đăng ký thế chấp quyền sử dụng đất", "Xóa đăng ký thế chấp quyền sử dụng đất",
                    "Tách thửa hoặc hợp thửa đất", "Chuyển mục đích sử dụng đất",
                    "Gia hạn sử dụng đất nông nghiệp", "Đính chính Giấy chứng nhận đã cấp",
                    "Cung cấp thông tin, dữ liệu đất đai", "Đăng ký biến động do đổi tên, thay đổi thông tin người sử dụng đất",
                    "Hòa giải tranh chấp đất đai", "Đăng ký cho thuê, cho thuê lại quyền sử dụng đất",
                    "Thu hồi Giấy chứng nhận đã cấp không đúng quy định")),
            new FieldSpec("XD", "Xây dựng", "Construction", List.of(
                    "Cấp giấy phép xây dựng nhà ở riêng lẻ", "Cấp giấy phép xây dựng mới công trình",
                    "Điều chỉnh giấy phép xây dựng", "Gia hạn giấy phép xây dựng", "Cấp lại giấy phép xây dựng",
                    "Cấp giấy phép sửa chữa, cải tạo công trình", "Cấp giấy phép di dời công trình",
                    "Thẩm định báo cáo nghiên cứu khả thi đầu tư xây dựng", "Thẩm định thiết kế xây dựng triển khai sau thiết kế cơ sở",
                    "Cấp chứng chỉ hành nghề hoạt động xây dựng", "Cấp chứng chỉ năng lực hoạt động xây dựng",
                    "Kiểm tra công tác nghiệm thu hoàn thành công trình", "Cung cấp thông tin quy hoạch xây dựng",
                    "Cấp giấy phép xây dựng công trình theo tuyến", "Thông báo khởi công xây dựng")),
            new FieldSpec("KD", "Đăng ký kinh doanh", "Business registration", List.of(
                    "Đăng ký thành lập doanh nghiệp tư nhân", "Đăng ký thành lập công ty trách nhiệm hữu hạn",
                    "Đăng ký thành lập công ty cổ phần", "Đăng ký thay đổi người đại diện theo pháp luật",
                    "Đăng ký thay đổi vốn điều lệ", "Đăng ký thay đổi địa chỉ trụ sở chính",
                    "Thông báo tạm ngừng kinh doanh", "Giải thể doanh nghiệp", "Đăng ký hoạt động chi nhánh",
                    "Đăng ký thành lập hộ kinh doanh", "Đăng ký thay đổi nội dung đăng ký hộ kinh doanh",
                    "Cấp giấy phép bán lẻ rượu", "Cấp giấy phép bán lẻ sản phẩm thuốc lá",
                    "Cấp giấy chứng nhận đủ điều kiện kinh doanh xăng dầu", "Đăng ký thành lập hợp tác xã",
                    "Cấp lại giấy chứng nhận đăng ký doanh nghiệp")),
            new FieldSpec("XH", "Lao động, người có công và xã hội", "Labour, veterans and social affairs", List.of(
                    "Trợ cấp xã hội hằng tháng cho người cao tuổi", "Trợ cấp xã hội hằng tháng cho người khuyết tật",
                    "Xác định mức độ khuyết tật", "Hỗ trợ chi phí mai táng", "Trợ cấp cho người có công với cách mạng",
                    "Cấp giấy phép lao động cho người nước ngoài", "Đăng ký nội quy lao động",
                    "Hỗ trợ học nghề cho người lao động", "Giải quyết trợ cấp thất nghiệp",
                    "Công nhận hộ nghèo, hộ cận nghèo phát sinh", "Cấp thẻ bảo hiểm y tế cho người thuộc diện bảo trợ",
                    "Đăng ký thang lương, bảng lương", "Trợ giúp xã hội khẩn cấp về hỗ trợ làm nhà ở")));

    static final List<String> PRAISE = List.of(
            "Cán bộ hướng dẫn tận tình, chu đáo.",
            "Thủ tục nhanh gọn, nhận kết quả sớm hơn hẹn.",
            "Nơi làm thủ tục sạch sẽ, có nước uống và chỗ ngồi thoải mái.",
            "Rất hài lòng, cảm ơn các anh chị ở bộ phận một cửa.",
            "Hướng dẫn một lần là hiểu, không phải đi lại nhiều.",
            "Nộp hồ sơ trực tuyến tiện lợi, chỉ đến nhận kết quả.",
            "Công chức vui vẻ, giải thích rõ ràng.",
            "Làm thủ tục khai sinh cho con rất nhanh.");

    static final List<String> COMPLAINTS = List.of(
            "Thời gian chờ quá lâu, cần bố trí thêm quầy tiếp nhận.",
            "Phải đi lại ba lần mới bổ sung đủ giấy tờ.",
            "Trả kết quả trễ hẹn mà không có thông báo.",
            "Cán bộ trả lời thiếu nhiệt tình.",
            "Máy lấy số thứ tự hay bị hỏng.",
            "Yêu cầu nộp thêm bản sao dù đã có trên hệ thống.",
            "Biển chỉ dẫn khó thấy, tôi phải hỏi nhiều người.",
            "Gửi phản ánh nhưng chưa thấy trả lời.",
            "Chỗ để xe chật, phòng chờ nóng.",
            "Hướng dẫn mỗi lần một khác, không thống nhất.");

    static final List<String> SUGGESTIONS = List.of(
            "Nên có thêm hướng dẫn bằng video trên cổng dịch vụ công.",
            "Đề nghị nhắn tin báo khi hồ sơ có kết quả.",
            "Nên mở cửa làm việc vào sáng thứ Bảy.",
            "Cần thêm máy tính để người dân tự tra cứu.",
            "Mong được trả kết quả qua bưu điện.",
            "Nên niêm yết phí, lệ phí rõ hơn.");
}
