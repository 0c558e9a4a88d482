// The landing page's words, in Vietnamese or English (never both at once).
import { catalogue } from '/lib/i18n.js';
import { staff } from '/lib/words.js';

export const messages = catalogue(staff, {
  vi: {
    pageTitle: 'Hài Lòng · Sự hài lòng với dịch vụ hành chính công',
    lead: 'Đo lường sự hài lòng của người dân, tổ chức đối với dịch vụ hành chính công: '
      + 'phiếu đánh giá tại kiosk, qua mã QR hay đường dẫn, và chỉ số cho từng cơ quan, từng năm.',
    staffTitle: 'Dành cho cán bộ',
    dashboard: 'Bảng điều khiển',
    dashboardWhat: 'Chỉ số hài lòng của từng đơn vị theo năm, thủ tục, nơi tiếp nhận và kênh; '
      + 'xu hướng, xếp hạng và ý kiến của người dân.',
    report: 'Báo cáo',
    reportWhat: 'Báo cáo của một đơn vị trong một năm, trình bày trên khổ A4 để in hoặc lưu PDF.',
    api: 'Tài liệu API',
    apiWhat: 'Dành cho lập trình viên: gửi lời mời khảo sát từ hệ thống một cửa, nhập dữ liệu, đọc chỉ số.',
    signInHint: 'Bảng điều khiển và báo cáo cần đăng nhập bằng tài khoản cán bộ.',
    resultsTitle: 'Kết quả công bố',
    results: 'Xem kết quả đo lường sự hài lòng đã công bố',
    resultsWhat: 'Chỉ số hài lòng của các cơ quan, đơn vị mà tỉnh đã công bố, với khoảng tin cậy và xếp hạng; '
      + 'không cần đăng nhập.',
    citizensTitle: 'Ông/Bà muốn đánh giá dịch vụ?',
    citizensHow: 'Vui lòng quét mã QR đặt tại trung tâm phục vụ hành chính công, hoặc mở đường dẫn in trên '
      + 'giấy tiếp nhận hồ sơ và hẹn trả kết quả.',
  },
  en: {
    pageTitle: 'Hài Lòng · Satisfaction with public administrative services',
    lead: 'Measuring how satisfied citizens and organisations are with public administrative services: '
      + 'ratings at kiosks, by QR code or link, and an index for every agency and year.',
    staffTitle: 'For staff',
    dashboard: 'Dashboard',
    dashboardWhat: 'Each unit’s satisfaction index by year, procedure, centre and channel; '
      + 'trends, rankings and what citizens wrote.',
    report: 'Report',
    reportWhat: 'One unit’s report for one year, laid out on A4 to print or save as PDF.',
    api: 'API documentation',
    apiWhat: 'For developers: survey invitations from the one-stop-shop system, imports, reading the indices.',
    signInHint: 'The dashboard and the report ask you to sign in with a staff account.',
    resultsTitle: 'Published results',
    results: 'See the published satisfaction results',
    resultsWhat: 'The satisfaction index of the agencies the province has published, with confidence intervals and '
      + 'the ranking; no sign-in needed.',
    citizensTitle: 'Here to rate a service?',
    citizensHow: 'Please scan the QR code at the public administrative service centre, or open the link printed '
      + 'on your dossier receipt.',
  },
});
