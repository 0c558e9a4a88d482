// The printed report's words, Vietnamese first; {0}, {1}… are filled in. The figures' words are lib/words.js's.
import { catalogue, translator } from '/lib/i18n.js';
import { boundaryWords } from '/lib/boundaries.js';
import { indicatorWords } from '/lib/indicators.js';
import { common, figures, staff } from '/lib/words.js';

const messages = catalogue(common, staff, figures, indicatorWords, boundaryWords, {
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
    pdfDownload: 'Tải báo cáo PDF', nationName: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', motto: 'Độc lập - Tự do - Hạnh phúc',
    summaryTitle: 'Tóm tắt', summaryUnitsUp: 'Cơ quan, đơn vị có chỉ số tăng có ý nghĩa thống kê: {0}.',
    summaryUnitsDown: 'Cơ quan, đơn vị có chỉ số giảm có ý nghĩa thống kê: {0}.',
    summaryUnitsNone: 'Không cơ quan, đơn vị nào có chỉ số thay đổi có ý nghĩa thống kê so với năm {0}.',
    summaryCriteriaUp: 'Tiêu chí có tỷ lệ hài lòng tăng có ý nghĩa thống kê: {0}.',
    summaryCriteriaDown: 'Tiêu chí có tỷ lệ hài lòng giảm có ý nghĩa thống kê: {0}.',
    summaryCriteriaNone: 'Không tiêu chí nào có tỷ lệ hài lòng thay đổi có ý nghĩa thống kê.',
    summaryPoints: '{0} ({1} điểm)', summaryPdf: 'Báo cáo PDF có thêm kiến nghị cho các tiêu chí yếu nhất.',
    notRanked: 'Chưa đủ {0} phiếu để xếp hạng: {1}.',
    superiorOf: 'UBND {0}', issuerDefault: 'SỞ NỘI VỤ', numberLine: 'Số: ……/BC-SNV', dateLine: '{0}, ngày {1} tháng {2} năm {3}',
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
    pdfDownload: 'Download the PDF report', nationName: 'SOCIALIST REPUBLIC OF VIET NAM', motto: 'Independence - Freedom - Happiness',
    summaryTitle: 'Summary', summaryUnitsUp: 'Units whose index rose significantly: {0}.',
    summaryUnitsDown: 'Units whose index fell significantly: {0}.',
    summaryUnitsNone: "No unit's index changed significantly since {0}.",
    summaryCriteriaUp: 'Criteria whose share satisfied rose significantly: {0}.',
    summaryCriteriaDown: 'Criteria whose share satisfied fell significantly: {0}.',
    summaryCriteriaNone: "No criterion's share satisfied changed significantly.",
    summaryPoints: '{0} ({1} points)', summaryPdf: 'The PDF report also recommends what to do about the weakest criteria.',
    notRanked: 'Fewer than {0} responses, not ranked: {1}.',
    superiorOf: "PEOPLE'S COMMITTEE OF {0}", issuerDefault: 'DEPARTMENT OF HOME AFFAIRS', numberLine: 'No. ……/BC-SNV',
    dateLine: '{0}, {1} {2} {3}',
  },
});

export const t = translator(messages);
