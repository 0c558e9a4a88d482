// The landing page for staff: where to go, in Vietnamese or English (never both at once). Text only, never innerHTML.
const messages = {
  vi: {
    pageTitle: 'Hài Lòng · Sự hài lòng với dịch vụ hành chính công',
    lead: 'Đo lường sự hài lòng của người dân, tổ chức đối với dịch vụ hành chính công: '
      + 'phiếu đánh giá tại kiosk, qua mã QR hay đường dẫn, và chỉ số cho từng cơ quan, từng năm.',
    signIn: 'Đăng nhập',
    staffTitle: 'Dành cho cán bộ',
    dashboard: 'Bảng điều khiển',
    dashboardWhat: 'Chỉ số hài lòng của từng đơn vị theo năm, thủ tục, nơi tiếp nhận và kênh; '
      + 'xu hướng, xếp hạng và ý kiến của người dân.',
    report: 'Báo cáo',
    reportWhat: 'Báo cáo của một đơn vị trong một năm, trình bày trên khổ A4 để in hoặc lưu PDF.',
    api: 'Tài liệu API',
    apiWhat: 'Dành cho lập trình viên: gửi lời mời khảo sát từ hệ thống một cửa, nhập dữ liệu, đọc chỉ số.',
    signInHint: 'Bảng điều khiển và báo cáo cần đăng nhập bằng tài khoản cán bộ.',
    citizensTitle: 'Ông/Bà muốn đánh giá dịch vụ?',
    citizensHow: 'Vui lòng quét mã QR đặt tại trung tâm phục vụ hành chính công, hoặc mở đường dẫn in trên '
      + 'giấy tiếp nhận hồ sơ và hẹn trả kết quả.',
    switchTo: 'English', switchLang: 'en',
  },
  en: {
    pageTitle: 'Hài Lòng · Satisfaction with public administrative services',
    lead: 'Measuring how satisfied citizens and organisations are with public administrative services: '
      + 'ratings at kiosks, by QR code or link, and an index for every agency and year.',
    signIn: 'Sign in',
    staffTitle: 'For staff',
    dashboard: 'Dashboard',
    dashboardWhat: 'Each unit’s satisfaction index by year, procedure, centre and channel; '
      + 'trends, rankings and what citizens wrote.',
    report: 'Report',
    reportWhat: 'One unit’s report for one year, laid out on A4 to print or save as PDF.',
    api: 'API documentation',
    apiWhat: 'For developers: survey invitations from the one-stop-shop system, imports, reading the indices.',
    signInHint: 'The dashboard and the report ask you to sign in with a staff account.',
    citizensTitle: 'Here to rate a service?',
    citizensHow: 'Please scan the QR code at the public administrative service centre, or open the link printed '
      + 'on your dossier receipt.',
    switchTo: 'Tiếng Việt', switchLang: 'vi',
  },
};

// The same choice as the sign-in page, the admin screens, the dashboard and the report.
let lang = localStorage.getItem('hailong.lang') === 'en' ? 'en' : 'vi';

function render() {
  const m = messages[lang];
  document.documentElement.lang = lang;
  document.title = m.pageTitle;
  document.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = m[el.dataset.i18n]; });
  const button = document.getElementById('lang');
  button.textContent = m.switchTo;
  button.lang = m.switchLang;
}

document.getElementById('lang').addEventListener('click', () => {
  lang = lang === 'vi' ? 'en' : 'vi';
  localStorage.setItem('hailong.lang', lang);
  render();
});

render();
