// The dashboard's words, Vietnamese first; {0}, {1}… are filled in. The figures' words are lib/words.js's.
import { catalogue, translator } from '/lib/i18n.js';
import { indicatorWords } from '/lib/indicators.js';
import { common, figures, staff } from '/lib/words.js';

const messages = catalogue(common, staff, figures, indicatorWords, {
  vi: {
    appTitle: 'Bảng điều khiển · Hài Lòng', title: 'Chỉ số hài lòng (SIPAS)', print: 'In trang này', report: 'In báo cáo',
    admin: 'Quản trị', filters: 'Bộ lọc', year: 'Năm', centre: 'Trung tâm, bộ phận một cửa',
    channel: 'Kênh', all: 'Tất cả', excludeFlagged: 'Loại phiếu bị gắn cờ',
    weighting: 'Gia quyền', weightingNone: 'Không gia quyền', weightingPost: 'Hậu phân tầng theo số hồ sơ',
    weightedScope: 'Chỉ số, xếp hạng và so sánh được gia quyền hậu phân tầng theo số hồ sơ của từng lĩnh vực; phân bố và tầm quan trọng không gia quyền.',
    unweightable: 'Thiếu số hồ sơ để gia quyền', unweightableUnits: 'Thiếu số hồ sơ của một lĩnh vực để gia quyền: {0}',
    channel_kiosk: 'Kiosk', channel_qr: 'Mã QR', channel_web: 'Trang web', channel_interview: 'Phỏng vấn',
    scope: 'Phạm vi: {0}. Năm {1}. Chỉ số = trung bình tỷ lệ hài lòng (mức 4–5) của 5 yếu tố; khoảng tin cậy 95%.',
    overviewTitle: 'Tổng quan theo đơn vị', ciHigh: 'Cận trên KTC 95%', distribution: 'Phân bố 5 mức',
    level1: 'Rất không hài lòng', level2: 'Không hài lòng', level3: 'Bình thường', level4: 'Hài lòng', level5: 'Rất hài lòng',
    sortBy: 'Sắp xếp theo {0}', distributionOf: '{0}: {1}', downloadCsv: 'Tải CSV', downloadXlsx: 'Tải XLSX',
    rankingsTitle: 'Xếp hạng đơn vị', rank: 'Hạng', tied: 'ngang hạng', shrunken: 'Chỉ số hiệu chỉnh (EB)',
    rankingsLabel: 'Xếp hạng {0} đơn vị theo chỉ số với khoảng tin cậy 95%.', suppressedUnits: 'Chưa đủ phiếu để xếp hạng: {0}',
    yoyLabel: 'Chỉ số năm {0} và năm {1} của {2} đơn vị; thay đổi có ý nghĩa được tô đậm.',
    yoySignificant: 'Thay đổi có ý nghĩa (BH, q = 0,05)', yoyNote: 'Đoạn nối màu xanh: tăng có ý nghĩa; màu đỏ: giảm có ý nghĩa (Benjamini–Hochberg, q = 0,05); màu xám: thay đổi không có ý nghĩa thống kê.',
    driversTitle: 'Tầm quan trọng và mức độ hài lòng', driversLabel: 'Biểu đồ phân tán của {0} tiêu chí: hệ số tương quan với câu hỏi hài lòng chung (trục ngang) và tỷ lệ hài lòng (trục dọc).',
    importance: 'Tầm quan trọng (r với câu hài lòng chung)',
    quadrant_CONCENTRATE_HERE: 'Cần tập trung cải thiện', quadrant_KEEP_UP: 'Tiếp tục duy trì',
    quadrant_LOW_PRIORITY: 'Ưu tiên thấp', quadrant_POSSIBLE_OVERKILL: 'Có thể đang dư nguồn lực',
    commentsTitle: 'Ý kiến của người dân', search: 'Tìm trong ý kiến', searchButton: 'Tìm', previous: 'Trang trước',
    next: 'Trang sau',
  },
  en: {
    appTitle: 'Dashboard · Hài Lòng', title: 'Satisfaction index (SIPAS)', print: 'Print this page', report: 'Print report',
    admin: 'Administration', filters: 'Filters', year: 'Year', centre: 'Service centre',
    channel: 'Channel', all: 'All', excludeFlagged: 'Leave out flagged responses',
    weighting: 'Weighting', weightingNone: 'Unweighted', weightingPost: 'Post-stratified to dossiers handled',
    weightedScope: 'Indices, rankings and comparisons are post-stratified to the dossiers handled in each field; the distribution and importance are unweighted.',
    unweightable: 'No dossier totals to weight by', unweightableUnits: 'No dossier total for a field to weight by: {0}',
    channel_kiosk: 'Kiosk', channel_qr: 'QR code', channel_web: 'Web', channel_interview: 'Interview',
    scope: 'Scope: {0}. Year {1}. Index = mean share satisfied (levels 4–5) over the 5 elements; 95% confidence intervals.',
    overviewTitle: 'Overview by unit', ciHigh: '95% CI upper bound', distribution: 'Answers by level',
    level1: 'Very dissatisfied', level2: 'Dissatisfied', level3: 'Neutral', level4: 'Satisfied', level5: 'Very satisfied',
    sortBy: 'Sort by {0}', distributionOf: '{0}: {1}', downloadCsv: 'Download CSV', downloadXlsx: 'Download XLSX',
    rankingsTitle: 'Ranking of units', rank: 'Rank', tied: 'tied', shrunken: 'Shrunken index (EB)',
    rankingsLabel: 'Ranking of {0} units by index with 95% confidence intervals.', suppressedUnits: 'Too few responses to rank: {0}',
    yoyLabel: 'Index in {0} and in {1} for {2} units; significant changes stand out.',
    yoySignificant: 'Significant change (BH, q = 0.05)', yoyNote: 'Green link: significant rise; red: significant fall (Benjamini–Hochberg, q = 0.05); grey: change not significant.',
    driversTitle: 'Importance and performance', driversLabel: 'Scatter of {0} criteria: correlation with the overall question (across) and share satisfied (up).',
    importance: 'Importance (r with the overall question)',
    quadrant_CONCENTRATE_HERE: 'Concentrate here', quadrant_KEEP_UP: 'Keep up the good work',
    quadrant_LOW_PRIORITY: 'Low priority', quadrant_POSSIBLE_OVERKILL: 'Possible overkill',
    commentsTitle: 'What citizens wrote', search: 'Search the comments', searchButton: 'Search', previous: 'Previous page',
    next: 'Next page',
  },
});

export const t = translator(messages);
