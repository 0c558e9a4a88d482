// The printed report's words, Vietnamese first; {0}, {1}… are filled in. The figures' words are lib/words.js's.
import { catalogue, translator } from '/lib/i18n.js';
import { indicatorWords } from '/lib/indicators.js';
import { common, figures, staff } from '/lib/words.js';

const messages = catalogue(common, staff, figures, indicatorWords, {
  vi: {
    reportTitle: 'Báo cáo mức độ hài lòng năm {0}', reportUnit: 'Cơ quan, đơn vị: {0}', reportMade: 'Lập ngày {0}.',
    reportMethod: '{0}, với khoảng tin cậy 95%; nhóm dưới {1} phiếu không công bố.', reportQuestionnaire: 'Phiếu đánh giá: {0}',
    printNow: 'In / Lưu PDF', backToDashboard: 'Về bảng điều khiển', overviewHeading: 'Tổng quan', tooFew: 'chưa đủ phiếu',
    monthsOf: 'Các tháng năm {0}', month: 'Tháng', se: 'Sai số chuẩn', yes: 'Có', no: 'Không', measure: 'Chỉ tiêu',
    delta: 'Thay đổi (điểm)', significant: 'Có ý nghĩa', overallIndex: 'Chỉ số hài lòng chung',
    yoyIndices: 'Chỉ số và các yếu tố', yoyCriteria: 'Tỷ lệ hài lòng theo tiêu chí (%)',
    yoyReportNote: 'Thay đổi tính bằng điểm; ý nghĩa thống kê theo kiểm định z hai phía, hiệu chỉnh Benjamini–Hochberg (q = 0,05) trong từng nhóm: các yếu tố với nhau, các tiêu chí với nhau.',
    commentsSample: 'Ý kiến của người dân (mẫu)', commentsSampleNote: '{0} ý kiến mới nhất trong năm',
    badYear: 'Năm trong địa chỉ không hợp lệ: {0}',
    rankingsHeading: 'Xếp hạng cơ quan, đơn vị', rankPlaces: 'Hạng',
    rankingsReportPlain: 'Hạng ghi thành khoảng, ví dụ «2–5», là các vị trí mà khoảng tin cậy 95% cho phép: một cơ quan, đơn vị chỉ được xếp chắc chắn trên một cơ quan, đơn vị khác khi khoảng tin cậy của hai nơi không chồng lên nhau.',
  },
  en: {
    reportTitle: 'Satisfaction report {0}', reportUnit: 'Agency: {0}', reportMade: 'Made on {0}.',
    reportMethod: '{0}, with 95% confidence intervals; groups under {1} responses are not published.', reportQuestionnaire: 'Questionnaire: {0}',
    printNow: 'Print / Save as PDF', backToDashboard: 'Back to the dashboard', overviewHeading: 'Overview', tooFew: 'too few',
    monthsOf: 'The months of {0}', month: 'Month', se: 'Standard error', yes: 'Yes', no: 'No', measure: 'Measure',
    delta: 'Change (points)', significant: 'Significant', overallIndex: 'Overall satisfaction index',
    yoyIndices: 'Index and elements', yoyCriteria: 'Share satisfied by criterion (%)',
    yoyReportNote: 'Changes in points; significance by a two-sided z test, adjusted by Benjamini–Hochberg (q = 0.05) within each family: the elements together, the criteria together.',
    commentsSample: 'What citizens wrote (sample)', commentsSampleNote: 'The {0} newest comments of the year',
    badYear: 'The year in the address is not valid: {0}',
    rankingsHeading: 'Ranking of agencies', rankPlaces: 'Rank',
    rankingsReportPlain: 'A rank written as a range, such as “2–5”, is every place the 95% confidence intervals allow: one agency is placed above another for sure only when their intervals do not overlap.',
  },
});

export const t = translator(messages);
