// The public results page's words, Vietnamese first; {0}, {1}… are filled in.
import { catalogue } from '/lib/i18n.js';
import { common } from '/lib/words.js';

export const messages = catalogue(common, {
  vi: {
    pageTitle: 'Kết quả công bố · Hài Lòng', skip: 'Bỏ qua đến nội dung chính',
    heading: 'Kết quả đo lường sự hài lòng', headingYear: 'Kết quả đo lường sự hài lòng năm {0}',
    publishedOn: 'Công bố ngày {0}', questionnaire: 'Bộ câu hỏi', year: 'Năm', show: 'Xem',
    nothing: 'Chưa có kết quả nào được công bố.', failed: 'Không tải được kết quả. Vui lòng thử lại sau.',
    csv: 'Tải dữ liệu mở (CSV)', csvHint: 'Tệp CSV (UTF-8) gồm đúng các số liệu trên trang này.',
    unitsTitle: 'Chỉ số hài lòng theo cơ quan, đơn vị', unitsCaption: 'Chỉ số hài lòng năm {0}, với khoảng tin cậy 95%',
    n: 'Số phiếu', index: 'Chỉ số (%)', ci: 'Khoảng tin cậy 95%', ciRange: '{0}–{1}',
    suppressed: 'Chưa công bố chỉ số: mới có {0} phiếu, cần ít nhất {1}',
    suppressedNote: 'Cơ quan, đơn vị có dưới {0} phiếu chỉ được nêu số phiếu, không nêu chỉ số, vì số phiếu quá ít '
      + 'để kết quả đáng tin cậy.',
    chartLabel: 'Biểu đồ chỉ số hài lòng của {0} cơ quan, đơn vị với khoảng tin cậy 95%: {1}.',
    elementsTitle: 'Chỉ số theo yếu tố', elementsCaption: 'Chỉ số (%) theo từng yếu tố của mỗi cơ quan, đơn vị',
    rankingTitle: 'Xếp hạng', rankingNote: 'Chỉ xếp hạng các cơ quan, đơn vị đã công bố và đủ số phiếu, so với các '
      + 'cơ quan, đơn vị cùng loại. Hạng ghi thành khoảng, ví dụ «2–5», là các vị trí mà khoảng tin cậy 95% cho phép: '
      + 'một cơ quan, đơn vị chỉ được xếp chắc chắn trên một cơ quan, đơn vị khác khi khoảng tin cậy của hai nơi không chồng lên nhau.',
    rankingCaption: 'Xếp hạng: {0}', rank: 'Hạng', noRanking: 'Chưa đủ cơ quan, đơn vị để xếp hạng.',
    definitionsTitle: 'Cách đọc số liệu',
    defIndexTerm: 'Chỉ số hài lòng',
    defIndex: 'Tỷ lệ phần trăm người được hỏi trả lời “hài lòng” hoặc “rất hài lòng”, tính trung bình trên {0} yếu tố '
      + 'của dịch vụ ({1}). 100% là mọi người đều hài lòng.',
    defIndexPlain: 'Tỷ lệ phần trăm người được hỏi trả lời “hài lòng” hoặc “rất hài lòng”. 100% là mọi người đều hài lòng.',
    defCiTerm: 'Khoảng tin cậy 95%',
    defCi: 'Vì chỉ hỏi một số người chứ không hỏi tất cả, chỉ số có sai số. Khoảng tin cậy là khoảng mà chỉ số thật '
      + 'nằm trong đó với độ tin cậy 95%. Khoảng càng hẹp, kết quả càng chắc chắn.',
    defNTerm: 'Số phiếu', defN: 'Số người đã đánh giá trong năm. Dưới {0} phiếu, chỉ số không được công bố.',
    defElementTerm: 'Yếu tố',
    defElement: 'Một mặt của dịch vụ, gồm nhiều tiêu chí; chỉ số của yếu tố là tỷ lệ hài lòng trung bình của các '
      + 'tiêu chí đó.',
    defSnapshotTerm: 'Số liệu công bố',
    defSnapshot: 'Số liệu được giữ nguyên như tại ngày công bố; phiếu đến sau không làm thay đổi số đã công bố. Trang '
      + 'này không đăng ý kiến riêng của người dân và không có dữ liệu của từng người trả lời.',
  },
  en: {
    pageTitle: 'Published results · Hài Lòng', skip: 'Skip to main content',
    heading: 'Satisfaction survey results', headingYear: 'Satisfaction survey results for {0}',
    publishedOn: 'Published on {0}', questionnaire: 'Questionnaire', year: 'Year', show: 'Show',
    nothing: 'No results have been published yet.', failed: 'The results could not be loaded. Please try again later.',
    csv: 'Download open data (CSV)', csvHint: 'A CSV file (UTF-8) holding exactly the figures on this page.',
    unitsTitle: 'Satisfaction index by agency', unitsCaption: 'Satisfaction index for {0}, with 95% confidence intervals',
    n: 'Responses', index: 'Index (%)', ci: '95% confidence interval', ciRange: '{0}–{1}',
    suppressed: 'No index published: {0} responses, at least {1} needed',
    suppressedNote: 'For an agency with fewer than {0} responses only the number of responses is given, not the '
      + 'index: so few answers cannot give a reliable result.',
    chartLabel: 'Chart of the satisfaction index of {0} agencies with 95% confidence intervals: {1}.',
    elementsTitle: 'Index by element', elementsCaption: 'Index (%) by element for each agency',
    rankingTitle: 'Ranking', rankingNote: 'Only published agencies with enough responses are ranked, each against '
      + 'agencies of the same kind. A rank written as a range, such as “2–5”, is every place the 95% confidence intervals '
      + 'allow: one agency is placed above another for sure only when their intervals do not overlap.',
    rankingCaption: 'Ranking: {0}', rank: 'Rank', noRanking: 'Not enough agencies to rank.',
    definitionsTitle: 'How to read the figures',
    defIndexTerm: 'Satisfaction index',
    defIndex: 'The percentage of people asked who answered “satisfied” or “very satisfied”, averaged over the {0} '
      + 'elements of the service ({1}). 100% means everyone was satisfied.',
    defIndexPlain: 'The percentage of people asked who answered “satisfied” or “very satisfied”. 100% means everyone was '
      + 'satisfied.',
    defCiTerm: '95% confidence interval',
    defCi: 'Only some people are asked, not everyone, so the index has a margin of error. The confidence interval is '
      + 'the range that holds the true index with 95% confidence. The narrower it is, the more certain the result.',
    defNTerm: 'Responses', defN: 'The number of people who gave a rating in the year. Below {0}, no index is published.',
    defElementTerm: 'Element',
    defElement: 'One aspect of the service, made of several criteria; an element’s index is the mean share satisfied '
      + 'over its criteria.',
    defSnapshotTerm: 'Published figures',
    defSnapshot: 'The figures stay as they were on the day of publication; ratings arriving later do not change them. '
      + 'This page shows no comment written by a citizen and no data about any single respondent.',
  },
});
