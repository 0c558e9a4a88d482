// The printed report's words, Vietnamese first; {0}, {1}… are filled in. The figures' words are lib/words.js's.
import { catalogue, translator } from '/lib/i18n.js';
import { indicatorWords } from '/lib/indicators.js';
import { common, figures, staff } from '/lib/words.js';

const messages = catalogue(common, staff, figures, indicatorWords, {
  vi: {
    reportTitle: 'Báo cáo mức độ hài lòng năm {0}', reportUnit: 'Đơn vị: {0}', reportMade: 'Lập lúc {0}.',
    reportMethod: '{0}, với khoảng tin cậy 95%; nhóm dưới {1} phiếu không công bố.', reportQuestionnaire: 'Phiếu đánh giá: {0}',
    printNow: 'In / Lưu PDF', backToDashboard: 'Về bảng điều khiển', overviewHeading: 'Tổng quan', tooFew: 'chưa đủ phiếu',
    monthsOf: 'Các tháng năm {0}', month: 'Tháng', se: 'Sai số chuẩn', yes: 'Có', no: 'Không', measure: 'Chỉ tiêu',
    delta: 'Thay đổi (điểm)', significant: 'Có ý nghĩa', overallIndex: 'Chỉ số hài lòng chung',
    yoyIndices: 'Chỉ số và các yếu tố', yoyCriteria: 'Tỷ lệ hài lòng theo tiêu chí (%)',
    yoyReportNote: 'Thay đổi tính bằng điểm; ý nghĩa thống kê theo kiểm định z hai phía, hiệu chỉnh Benjamini–Hochberg (q = 0,05) trong từng nhóm: các yếu tố với nhau, các tiêu chí với nhau.',
    commentsSample: 'Ý kiến của người dân (mẫu)', commentsSampleNote: '{0} ý kiến mới nhất trong năm',
    badYear: 'Năm trong địa chỉ không hợp lệ: {0}',
    pdfDownload: 'Tải báo cáo PDF', nationName: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', motto: 'Độc lập - Tự do - Hạnh phúc',
    superiorOf: 'UBND {0}', issuerDefault: 'SỞ NỘI VỤ', numberLine: 'Số: ……/BC-SNV', dateLine: '{0}, ngày {1} tháng {2} năm {3}',
  },
  en: {
    reportTitle: 'Satisfaction report {0}', reportUnit: 'Unit: {0}', reportMade: 'Made {0}.',
    reportMethod: '{0}, with 95% confidence intervals; groups under {1} responses are not published.', reportQuestionnaire: 'Questionnaire: {0}',
    printNow: 'Print / Save as PDF', backToDashboard: 'Back to the dashboard', overviewHeading: 'Overview', tooFew: 'too few',
    monthsOf: 'The months of {0}', month: 'Month', se: 'Standard error', yes: 'Yes', no: 'No', measure: 'Measure',
    delta: 'Change (points)', significant: 'Significant', overallIndex: 'Overall satisfaction index',
    yoyIndices: 'Index and elements', yoyCriteria: 'Share satisfied by criterion (%)',
    yoyReportNote: 'Changes in points; significance by a two-sided z test, adjusted by Benjamini–Hochberg (q = 0.05) within each family: the elements together, the criteria together.',
    commentsSample: 'What citizens wrote (sample)', commentsSampleNote: 'The {0} newest comments of the year',
    badYear: 'The year in the address is not valid: {0}',
    pdfDownload: 'Download the PDF report', nationName: 'SOCIALIST REPUBLIC OF VIET NAM', motto: 'Independence - Freedom - Happiness',
    superiorOf: "PEOPLE'S COMMITTEE OF {0}", issuerDefault: 'DEPARTMENT OF HOME AFFAIRS', numberLine: 'No. ……/BC-SNV',
    dateLine: '{0}, {1} {2} {3}',
  },
});

export const t = translator(messages);
