// The dashboard's one message catalogue: Vietnamese first, English second; numbers in the reader's locale.
const messages = {
  vi: {
    appTitle: 'Bảng điều khiển · Hài Lòng', title: 'Chỉ số hài lòng (SIPAS)', switchTo: 'English', print: 'In trang này', report: 'In báo cáo',
    admin: 'Quản trị', filters: 'Bộ lọc', year: 'Năm', unit: 'Đơn vị', service: 'Thủ tục', centre: 'Trung tâm, bộ phận một cửa',
    channel: 'Kênh', all: 'Tất cả', allUnits: 'Tất cả đơn vị trong phạm vi', excludeFlagged: 'Loại phiếu bị gắn cờ',
    weighting: 'Gia quyền', weightingNone: 'Không gia quyền', weightingPost: 'Hậu phân tầng theo số hồ sơ',
    weightedScope: 'Chỉ số, xếp hạng và so sánh được gia quyền hậu phân tầng theo số hồ sơ của từng lĩnh vực; phân bố và tầm quan trọng không gia quyền.',
    unweightable: 'Thiếu số hồ sơ để gia quyền', unweightableUnits: 'Thiếu số hồ sơ của một lĩnh vực để gia quyền: {0}',
    channel_kiosk: 'Kiosk', channel_qr: 'Mã QR', channel_web: 'Trang web', channel_interview: 'Phỏng vấn',
    loading: 'Đang tải…', failed: 'Không tải được số liệu', network: 'Không kết nối được máy chủ.',
    scope: 'Phạm vi: {0}. Năm {1}. Chỉ số = trung bình tỷ lệ hài lòng (mức 4–5) của 5 yếu tố; khoảng tin cậy 95%.',
    overviewTitle: 'Tổng quan theo đơn vị', index: 'Chỉ số', ci: 'KTC 95%: {0}–{1}', n: 'n = {0}',
    suppressed: 'Chưa đủ phiếu (n < {0})', change: 'So với {0}: {1} điểm', noBaseline: 'Chưa so sánh được với {0}',
    significantUp: 'tăng có ý nghĩa thống kê (sau hiệu chỉnh BH)', significantDown: 'giảm có ý nghĩa thống kê (sau hiệu chỉnh BH)',
    notSignificant: 'thay đổi không có ý nghĩa thống kê', noData: 'Không có số liệu cho lựa chọn này.',
    trendTitle: 'Diễn biến theo tháng', trendLabel: 'Chỉ số hài lòng theo tháng với khoảng tin cậy 95%, {0} tháng từ {1} đến {2}.',
    ciLow: 'Cận dưới KTC 95%', ciHigh: 'Cận trên KTC 95%', ciBand: 'Khoảng tin cậy 95%',
    elementsTitle: 'Chỉ số theo yếu tố', elementsLabel: 'Chỉ số của {0} yếu tố với khoảng tin cậy 95%: {1}.',
    criteriaTitle: 'Các tiêu chí', criterion: 'Tiêu chí', share: 'Tỷ lệ hài lòng (%)', wilson: 'KTC 95% (Wilson)',
    meanScore: 'Điểm trung bình (1–5)', distribution: 'Phân bố 5 mức', answered: 'Số trả lời',
    level1: 'Rất không hài lòng', level2: 'Không hài lòng', level3: 'Bình thường', level4: 'Hài lòng', level5: 'Rất hài lòng',
    sortBy: 'Sắp xếp theo {0}', distributionOf: '{0}: {1}', downloadCsv: 'Tải CSV', downloadXlsx: 'Tải XLSX',
    rankingsTitle: 'Xếp hạng đơn vị', rank: 'Hạng', tied: 'ngang hạng', shrunken: 'Chỉ số hiệu chỉnh (EB)',
    rankingsLabel: 'Xếp hạng {0} đơn vị theo chỉ số với khoảng tin cậy 95%.', suppressedUnits: 'Chưa đủ phiếu để xếp hạng: {0}',
    yoyTitle: 'So sánh {0} với {1}', yoyLabel: 'Chỉ số năm {0} và năm {1} của {2} đơn vị; thay đổi có ý nghĩa được tô đậm.',
    yoyPeriod: 'Năm {0}', yoySignificant: 'Thay đổi có ý nghĩa (BH, q = 0,05)', yoyNote: 'Đoạn nối màu xanh: tăng có ý nghĩa; màu đỏ: giảm có ý nghĩa (Benjamini–Hochberg, q = 0,05); màu xám: thay đổi không có ý nghĩa thống kê.', delta: 'Thay đổi (điểm)', pAdjusted: 'p (BH)',
    driversTitle: 'Tầm quan trọng và mức độ hài lòng', driversLabel: 'Biểu đồ phân tán của {0} tiêu chí: hệ số tương quan với câu hỏi hài lòng chung (trục ngang) và tỷ lệ hài lòng (trục dọc).',
    importance: 'Tầm quan trọng (r với câu hài lòng chung)', performance: 'Tỷ lệ hài lòng (%)',
    quadrant_CONCENTRATE_HERE: 'Cần tập trung cải thiện', quadrant_KEEP_UP: 'Tiếp tục duy trì',
    quadrant_LOW_PRIORITY: 'Ưu tiên thấp', quadrant_POSSIBLE_OVERKILL: 'Có thể đang dư nguồn lực',
    commentsTitle: 'Ý kiến của người dân', search: 'Tìm trong ý kiến', searchButton: 'Tìm', previous: 'Trang trước',
    next: 'Trang sau', page: 'Trang {0}', submittedAt: 'Thời điểm', agency: 'Đơn vị', comment: 'Ý kiến', noComments: 'Không có ý kiến nào.',
    code: 'Mã', name: 'Tên', ci95: 'KTC 95%', low: 'Cận dưới', high: 'Cận trên', se: 'Sai số chuẩn',
    // The printable report (web/report/).
    reportTitle: 'Báo cáo mức độ hài lòng năm {0}', reportUnit: 'Đơn vị: {0}', reportMade: 'Lập lúc {0}.',
    reportMethod: 'Chỉ số = trung bình tỷ lệ hài lòng (mức 4–5) của 5 yếu tố, với khoảng tin cậy 95%; nhóm dưới 30 phiếu không công bố.',
    printNow: 'In / Lưu PDF', backToDashboard: 'Về bảng điều khiển', overviewHeading: 'Tổng quan', tooFew: 'chưa đủ phiếu',
    monthsOf: 'Các tháng năm {0}', month: 'Tháng', element: 'Yếu tố', yes: 'Có', no: 'Không', measure: 'Chỉ tiêu',
    pValue: 'p (BH)', significant: 'Có ý nghĩa', overallIndex: 'Chỉ số hài lòng chung', yoyIndices: 'Chỉ số và các yếu tố',
    yoyCriteria: 'Tỷ lệ hài lòng theo tiêu chí (%)',
    yoyReportNote: 'Thay đổi tính bằng điểm; ý nghĩa thống kê theo kiểm định z hai phía, hiệu chỉnh Benjamini–Hochberg (q = 0,05) trong từng nhóm: các yếu tố với nhau, các tiêu chí với nhau.',
    commentsSample: 'Ý kiến của người dân (mẫu)', commentsSampleNote: '{0} ý kiến mới nhất trong năm',
    badYear: 'Năm trong địa chỉ không hợp lệ: {0}',
  },
  en: {
    appTitle: 'Dashboard · Hài Lòng', title: 'Satisfaction index (SIPAS)', switchTo: 'Tiếng Việt', print: 'Print this page', report: 'Print report',
    admin: 'Administration', filters: 'Filters', year: 'Year', unit: 'Unit', service: 'Procedure', centre: 'Service centre',
    channel: 'Channel', all: 'All', allUnits: 'All units in scope', excludeFlagged: 'Leave out flagged responses',
    weighting: 'Weighting', weightingNone: 'Unweighted', weightingPost: 'Post-stratified to dossiers handled',
    weightedScope: 'Indices, rankings and comparisons are post-stratified to the dossiers handled in each field; the distribution and importance are unweighted.',
    unweightable: 'No dossier totals to weight by', unweightableUnits: 'No dossier total for a field to weight by: {0}',
    channel_kiosk: 'Kiosk', channel_qr: 'QR code', channel_web: 'Web', channel_interview: 'Interview',
    loading: 'Loading…', failed: 'Could not load the figures', network: 'Cannot reach the server.',
    scope: 'Scope: {0}. Year {1}. Index = mean share satisfied (levels 4–5) over the 5 elements; 95% confidence intervals.',
    overviewTitle: 'Overview by unit', index: 'Index', ci: '95% CI: {0}–{1}', n: 'n = {0}',
    suppressed: 'Too few responses (n < {0})', change: 'Since {0}: {1} points', noBaseline: 'No comparison with {0} yet',
    significantUp: 'significant rise (after BH adjustment)', significantDown: 'significant fall (after BH adjustment)',
    notSignificant: 'change not significant', noData: 'No figures for this selection.',
    trendTitle: 'Trend by month', trendLabel: 'Monthly satisfaction index with its 95% confidence band, {0} months from {1} to {2}.',
    ciLow: '95% CI lower bound', ciHigh: '95% CI upper bound', ciBand: '95% confidence interval',
    elementsTitle: 'Index by element', elementsLabel: 'Index of {0} elements with 95% confidence intervals: {1}.',
    criteriaTitle: 'Criteria', criterion: 'Criterion', share: 'Share satisfied (%)', wilson: '95% CI (Wilson)',
    meanScore: 'Mean score (1–5)', distribution: 'Answers by level', answered: 'Answers',
    level1: 'Very dissatisfied', level2: 'Dissatisfied', level3: 'Neutral', level4: 'Satisfied', level5: 'Very satisfied',
    sortBy: 'Sort by {0}', distributionOf: '{0}: {1}', downloadCsv: 'Download CSV', downloadXlsx: 'Download XLSX',
    rankingsTitle: 'Ranking of units', rank: 'Rank', tied: 'tied', shrunken: 'Shrunken index (EB)',
    rankingsLabel: 'Ranking of {0} units by index with 95% confidence intervals.', suppressedUnits: 'Too few responses to rank: {0}',
    yoyTitle: '{0} compared with {1}', yoyLabel: 'Index in {0} and in {1} for {2} units; significant changes stand out.',
    yoyPeriod: 'Year {0}', yoySignificant: 'Significant change (BH, q = 0.05)', yoyNote: 'Green link: significant rise; red: significant fall (Benjamini–Hochberg, q = 0.05); grey: change not significant.', delta: 'Change (points)', pAdjusted: 'p (BH)',
    driversTitle: 'Importance and performance', driversLabel: 'Scatter of {0} criteria: correlation with the overall question (across) and share satisfied (up).',
    importance: 'Importance (r with the overall question)', performance: 'Share satisfied (%)',
    quadrant_CONCENTRATE_HERE: 'Concentrate here', quadrant_KEEP_UP: 'Keep up the good work',
    quadrant_LOW_PRIORITY: 'Low priority', quadrant_POSSIBLE_OVERKILL: 'Possible overkill',
    commentsTitle: 'What citizens wrote', search: 'Search the comments', searchButton: 'Search', previous: 'Previous page',
    next: 'Next page', page: 'Page {0}', submittedAt: 'When', agency: 'Unit', comment: 'Comment', noComments: 'No comments.',
    code: 'Code', name: 'Name', ci95: '95% CI', low: 'Lower', high: 'Upper', se: 'Standard error',
    reportTitle: 'Satisfaction report {0}', reportUnit: 'Unit: {0}', reportMade: 'Made {0}.',
    reportMethod: 'Index = mean share satisfied (levels 4–5) over the 5 elements, with 95% confidence intervals; groups under 30 responses are not published.',
    printNow: 'Print / Save as PDF', backToDashboard: 'Back to the dashboard', overviewHeading: 'Overview', tooFew: 'too few',
    monthsOf: 'The months of {0}', month: 'Month', element: 'Element', yes: 'Yes', no: 'No', measure: 'Measure',
    pValue: 'p (BH)', significant: 'Significant', overallIndex: 'Overall satisfaction index', yoyIndices: 'Index and elements',
    yoyCriteria: 'Share satisfied by criterion (%)',
    yoyReportNote: 'Changes in points; significance by a two-sided z test, adjusted by Benjamini–Hochberg (q = 0.05) within each family: the elements together, the criteria together.',
    commentsSample: 'What citizens wrote (sample)', commentsSampleNote: 'The {0} newest comments of the year',
    badYear: 'The year in the address is not valid: {0}',
  },
};

let lang = 'vi';

export const currentLang = () => lang;

export function setLang(next) {
  lang = next === 'en' ? 'en' : 'vi';
  localStorage.setItem('hailong.lang', lang);
  document.documentElement.lang = lang;
}

/** The message for key in the current language, with {0}, {1}… replaced by args. */
export function t(key, ...args) {
  const text = messages[lang][key] ?? messages.vi[key] ?? key;
  return text.replace(/\{(\d+)\}/g, (_, i) => String(args[Number(i)] ?? ''));
}

/** A record's name in the current language (Vietnamese when English is missing). */
export const nameOf = (x) => (lang === 'en' && x?.nameEn ? x.nameEn : x?.nameVi) ?? '';

const locale = () => (lang === 'en' ? 'en-GB' : 'vi-VN');

/** A figure from the API, rounded for reading only. */
export function num(value, digits = 1) {
  if (value === null || value === undefined || Number.isNaN(value)) {
    return '–';
  }
  return new Intl.NumberFormat(locale(), { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
}

export const count = (value) => new Intl.NumberFormat(locale()).format(value ?? 0);

/** A change in points with its sign. */
export const signed = (value, digits = 1) => (value > 0 ? '+' : value < 0 ? '−' : '±') + num(Math.abs(value), digits);

export const dateTime = (iso) => new Intl.DateTimeFormat(locale(), { dateStyle: 'short', timeStyle: 'short',
  timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date(iso));
