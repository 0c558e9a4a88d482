// The words more than one page family says, each said once here: a family's catalogue (its messages.js) names the
// groups it takes, and lib/i18n.js refuses a catalogue that says any of these words again.

/** Staff and citizen pages alike. */
export const common = {
  vi: {
    loading: 'Đang tải…', agency: 'Cơ quan, đơn vị', procedure: 'Thủ tục hành chính', service: 'Thủ tục', counter: 'Quầy',
  },
  en: {
    loading: 'Loading…', agency: 'Agency', procedure: 'Administrative procedure', service: 'Procedure', counter: 'Counter',
  },
};

/** The staff pages: the landing page, sign-in and administration, the dashboard and the report. */
export const staff = {
  vi: { signIn: 'Đăng nhập', network: 'Không kết nối được máy chủ.', unit: 'Cơ quan, đơn vị', element: 'Yếu tố', page: 'Trang {0}' },
  en: { signIn: 'Sign in', network: 'Cannot reach the server.', unit: 'Agency', element: 'Element', page: 'Page {0}' },
};

/** The figures the dashboard shows and the report prints. */
export const figures = {
  vi: {
    failed: 'Không tải được số liệu', allUnits: 'Tất cả cơ quan, đơn vị trong phạm vi', noData: 'Không có số liệu cho lựa chọn này.',
    index: 'Chỉ số', ci: 'KTC 95%: {0}–{1}', ci95: 'KTC 95%', n: 'n = {0}', suppressed: 'Chưa đủ phiếu (n < {0})',
    change: 'So với {0}: {1} điểm', noBaseline: 'Chưa so sánh được với {0}',
    significantUp: 'tăng có ý nghĩa thống kê (sau hiệu chỉnh BH)', significantDown: 'giảm có ý nghĩa thống kê (sau hiệu chỉnh BH)',
    notSignificant: 'thay đổi không có ý nghĩa thống kê',
    trendTitle: 'Diễn biến theo tháng', trendLabel: 'Chỉ số hài lòng theo tháng với khoảng tin cậy 95%, {0} tháng từ {1} đến {2}.',
    trendTitleYear: 'Diễn biến theo tháng năm {0}', target: 'Mục tiêu: {0}',
    trendSuppressed: 'Tháng chưa đủ phiếu để công bố (để trống trên biểu đồ): {0}.',
    trendAxis: 'Trục dọc từ 0 đến 100 để các thay đổi nhỏ không bị phóng đại.',
    ciLow: 'Cận dưới KTC 95%', ciBand: 'Khoảng tin cậy 95%',
    elementsTitle: 'Chỉ số theo yếu tố', elementsLabel: 'Chỉ số của {0} yếu tố với khoảng tin cậy 95%: {1}.',
    criteriaTitle: 'Các tiêu chí', criterion: 'Tiêu chí', share: 'Tỷ lệ hài lòng (%)', wilson: 'KTC 95% (Wilson)',
    meanScore: 'Điểm trung bình (1–{0})', answered: 'Số trả lời',
    yoyTitle: 'So sánh {0} với {1}', yoyPeriod: 'Năm {0}', pAdjusted: 'p (BH)',
    submittedAt: 'Thời điểm', comment: 'Ý kiến', noComments: 'Không có ý kiến nào.',
    index_SIPAS: 'Chỉ số = trung bình tỷ lệ hài lòng (mức 4–5) của {0} yếu tố',
    index_IKM: 'Chỉ số = trung bình điểm của {0} yếu tố, quy về thang 0–100 (phương pháp IKM)',
    index_SDG16_6_2: 'Chỉ số = trung bình tỷ lệ hài lòng (2 mức cao nhất) của {0} thuộc tính (SDG 16.6.2)',
    index_MEAN_SCORE: 'Chỉ số = trung bình điểm của {0} yếu tố, quy về thang 0–100 (mức thấp nhất 0, cao nhất 100)',
    index_DOSSIER3: 'Chỉ số = trung bình tỷ lệ hài lòng (2 mức cao nhất) của {0} yếu tố',
    indexOverall_SIPAS: 'Chỉ số = tỷ lệ người dân hài lòng (mức 4–5) ở câu hỏi đánh giá chung',
    indexOverall_IKM: 'Chỉ số = điểm trung bình của câu hỏi đánh giá chung, quy về thang 0–100 (phương pháp IKM)',
    indexOverall_SDG16_6_2: 'Chỉ số = tỷ lệ hài lòng (2 mức cao nhất) ở câu hỏi đánh giá chung',
    indexOverall_MEAN_SCORE: 'Chỉ số = điểm trung bình của câu hỏi đánh giá chung, quy về thang 0–100',
    indexOverall_DOSSIER3: 'Chỉ số = tỷ lệ hồ sơ được đánh giá "Hài lòng" hoặc "Rất hài lòng"',
    reasonsTitle_reason: 'Lý do chưa hài lòng', reasonsTitle_problem: 'Vấn đề người dân gặp phải',
    reasonsIntro: '{0} trong {1} phiếu chưa hài lòng, {2} phiếu nêu lý do. Tỷ lệ tính trên số phiếu chưa hài lòng, kèm khoảng tin cậy 95% (KTC: khoảng chứa tỷ lệ thật với độ tin cậy 95%, theo phương pháp Wilson).',
    reasonsNone: 'Không có phiếu chưa hài lòng trong phạm vi này.', reason: 'Lý do', reasonCount: 'Số phiếu',
    reasonShare: 'Tỷ lệ trong số chưa hài lòng (%)', dissatisfied: 'Chưa hài lòng', topReason: 'Lý do nhiều nhất', reasonsByUnit: 'Theo cơ quan, đơn vị', reasonsByService: 'Theo thủ tục hành chính',
    terms: 'Giải thích thuật ngữ',
    term_ci: 'KTC 95% (khoảng tin cậy 95%)', explain_ci: 'khoảng mà giá trị thật nhiều khả năng nằm trong đó (đúng 95 trên 100 lần); khoảng càng hẹp, số liệu càng chắc chắn.',
    term_wilson: 'Wilson', explain_wilson: 'cách tính khoảng tin cậy của một tỷ lệ, vẫn đúng khi tỷ lệ gần 0% hoặc 100% hay khi ít phiếu.',
    term_bh: 'BH (Benjamini–Hochberg)', explain_bh: 'cách hiệu chỉnh khi xem xét nhiều thay đổi cùng lúc, để không kết luận nhầm là có thay đổi chỉ do ngẫu nhiên.',
    term_p: 'p', explain_p: 'xác suất gặp một thay đổi lớn như vậy nếu thực ra không có thay đổi nào; p (BH) dưới 0,05 thì thay đổi được coi là có ý nghĩa thống kê.',
    term_eb: 'Chỉ số hiệu chỉnh (EB)', explain_eb: 'chỉ số được kéo về mức chung của các cơ quan, đơn vị, kéo nhiều hơn khi có ít phiếu (phương pháp Bayes thực nghiệm), để nơi ít phiếu không đứng đầu hay cuối bảng chỉ vì may rủi.',
    term_post: 'Hậu phân tầng', explain_post: 'gia quyền lại các phiếu để mỗi lĩnh vực chiếm tỷ trọng bằng tỷ trọng số hồ sơ đã giải quyết của lĩnh vực đó.',
    term_r: 'r (hệ số tương quan)', explain_r: 'từ −1 đến 1, cho biết điểm một tiêu chí và đánh giá hài lòng chung đi cùng nhau chặt đến đâu; càng gần 1 thì tiêu chí càng gắn với sự hài lòng chung.',
    term_n: 'n', explain_n: 'số phiếu đánh giá được tính.',
    term_rankRange: 'Hạng 2–5', explain_rankRange: 'với khoảng tin cậy 95%, cơ quan, đơn vị này có thể đứng từ thứ 2 đến thứ 5; hai cơ quan, đơn vị chỉ xếp trên dưới nhau chắc chắn khi khoảng tin cậy của chúng không chồng lên nhau.',
    term_undetermined: 'Chưa phân biệt được', explain_undetermined: 'khoảng tin cậy của r hoặc của tỷ lệ hài lòng chứa đường chia, nên số liệu chưa cho biết tiêu chí nằm ở ô nào.',
  },
  en: {
    failed: 'Could not load the figures', allUnits: 'All agencies in scope', noData: 'No figures for this selection.',
    index: 'Index', ci: '95% CI: {0}–{1}', ci95: '95% CI', n: 'n = {0}', suppressed: 'Too few responses (n < {0})',
    change: 'Since {0}: {1} points', noBaseline: 'No comparison with {0} yet',
    significantUp: 'significant rise (after BH adjustment)', significantDown: 'significant fall (after BH adjustment)',
    notSignificant: 'change not significant',
    trendTitle: 'Trend by month', trendLabel: 'Monthly satisfaction index with its 95% confidence band, {0} months from {1} to {2}.',
    trendTitleYear: 'Trend by month, {0}', target: 'Target: {0}',
    trendSuppressed: 'Months with too few responses to publish (gaps in the chart): {0}.',
    trendAxis: 'The vertical axis runs from 0 to 100, so that small changes are not made to look large.',
    ciLow: '95% CI lower bound', ciBand: '95% confidence interval',
    elementsTitle: 'Index by element', elementsLabel: 'Index of {0} elements with 95% confidence intervals: {1}.',
    criteriaTitle: 'Criteria', criterion: 'Criterion', share: 'Share satisfied (%)', wilson: '95% CI (Wilson)',
    meanScore: 'Mean score (1–{0})', answered: 'Answers',
    yoyTitle: '{0} compared with {1}', yoyPeriod: 'Year {0}', pAdjusted: 'p (BH)',
    submittedAt: 'When', comment: 'Comment', noComments: 'No comments.',
    index_SIPAS: 'Index = mean share satisfied (levels 4–5) over the {0} elements',
    index_IKM: 'Index = mean score over the {0} elements, on a 0–100 scale (IKM method)',
    index_SDG16_6_2: 'Index = mean share satisfied (top two levels) over the {0} attributes (SDG 16.6.2)',
    index_MEAN_SCORE: 'Index = mean score over the {0} elements, on a 0–100 scale (lowest level 0, highest 100)',
    index_DOSSIER3: 'Index = mean share satisfied (top two levels) over the {0} elements',
    indexOverall_SIPAS: 'Index = share of citizens satisfied (levels 4–5) on the overall question',
    indexOverall_IKM: 'Index = mean score of the overall question on a 0–100 scale (IKM method)',
    indexOverall_SDG16_6_2: 'Index = share satisfied (top two levels) on the overall question',
    indexOverall_MEAN_SCORE: 'Index = mean score of the overall question on a 0–100 scale',
    indexOverall_DOSSIER3: 'Index = share of dossiers rated "Satisfied" or "Very satisfied"',
    reasonsTitle_reason: 'Why citizens were not satisfied', reasonsTitle_problem: 'Problems citizens met',
    reasonsIntro: '{0} of {1} ratings were not satisfied, {2} of them gave a reason. Shares are of the ratings not satisfied, with 95% confidence intervals (CI: the range that holds the true share with 95% confidence, Wilson method).',
    reasonsNone: 'No rating in this scope was not satisfied.', reason: 'Reason', reasonCount: 'Ratings',
    reasonShare: 'Share of those not satisfied (%)', dissatisfied: 'Not satisfied', topReason: 'Most given reason', reasonsByUnit: 'By agency', reasonsByService: 'By administrative procedure',
    terms: 'What the terms mean',
    term_ci: '95% CI (confidence interval)', explain_ci: 'the range the true value most likely lies in (95 times in 100); the narrower it is, the surer the figure.',
    term_wilson: 'Wilson', explain_wilson: 'a way of computing the confidence interval of a share that stays right near 0% or 100% and with few responses.',
    term_bh: 'BH (Benjamini–Hochberg)', explain_bh: 'an adjustment for looking at many changes at once, so that a change that is only chance is not taken for a real one.',
    term_p: 'p', explain_p: 'the chance of a change this large if nothing had really changed; a change with p (BH) below 0.05 counts as significant.',
    term_eb: 'Shrunken index (EB)', explain_eb: 'the index pulled towards the level of all the agencies, the more so the fewer responses it has (empirical Bayes), so that an agency with few responses does not top or tail the table by luck.',
    term_post: 'Post-stratification', explain_post: 'reweighting the responses so that each field counts in proportion to the dossiers it handled.',
    term_r: 'r (correlation)', explain_r: 'from −1 to 1, how closely a criterion’s rating goes with overall satisfaction; the nearer 1, the more the criterion goes with being satisfied overall.',
    term_n: 'n', explain_n: 'the number of responses counted.',
    term_rankRange: 'Ranks 2–5', explain_rankRange: 'given the 95% confidence intervals, this agency could stand anywhere from 2nd to 5th; one agency is placed above another for sure only when their intervals do not overlap.',
    term_undetermined: 'Cannot be told', explain_undetermined: 'the confidence interval of r or of the share satisfied holds the dividing line, so the data do not say which quadrant the criterion is in.',
  },
};

/** The citizen pages: the kiosk, the survey, the dossier page and the poster. {n}, {total} are numbers. */
export const citizen = {
  vi: {
    agencyShort: 'Cơ quan', where: 'Nơi giải quyết', overall: 'Đánh giá chung', other: 'Câu hỏi khác', na: 'Không áp dụng',
    commentOptional: 'Góp ý thêm (không bắt buộc)', charCount: '{n}/{total} ký tự', back: 'Quay lại', sending: 'Đang gửi…',
    thanksTitle: 'Cảm ơn Ông/Bà!',
  },
  en: {
    agencyShort: 'Agency', where: 'Where', overall: 'Overall', other: 'Other questions', na: 'Not applicable',
    commentOptional: 'Anything else to tell us? (optional)', charCount: '{n}/{total} characters', back: 'Back',
    sending: 'Sending…', thanksTitle: 'Thank you!',
  },
};

/**
 * The offer of a reply after a rating that opened a follow-up case (lib/callback.js): the survey and dossier pages.
 * {agency} is the agency's name.
 */
export const callback = {
  vi: {
    callbackTitle: 'Ông/Bà có muốn cơ quan liên hệ lại để phản hồi không?',
    callbackIntro: 'Ý kiến của Ông/Bà đã được chuyển đến cơ quan để xem xét, trả lời. Nếu muốn được liên hệ lại, Ông/Bà có thể để lại số điện thoại hoặc email. Việc này không bắt buộc.',
    callbackPhone: 'Số điện thoại', callbackPhoneHint: 'Ví dụ: 0912 345 678', callbackEmail: 'Email',
    callbackConsent: 'Tôi đồng ý để {agency} dùng số điện thoại/email này chỉ để liên hệ phản hồi về ý kiến của tôi; thông tin sẽ tự động được xoá trong thời hạn quy định sau khi xử lý xong.',
    callbackSend: 'Gửi thông tin liên hệ',
    callbackPrivacy: 'Thông tin liên hệ được lưu riêng, không gắn vào phiếu đánh giá trong các báo cáo; chỉ cán bộ có trách nhiệm xử lý phản ánh xem được.',
    callbackNeedOne: 'Vui lòng nhập số điện thoại hoặc email.',
    callbackBadPhone: 'Số điện thoại chưa đúng. Vui lòng nhập số điện thoại Việt Nam, ví dụ 0912 345 678.',
    callbackBadEmail: 'Email chưa đúng. Vui lòng nhập lại, ví dụ ten@example.vn.',
    callbackNeedConsent: 'Vui lòng đánh dấu ô đồng ý để cơ quan được liên hệ với Ông/Bà.',
    callbackFailed: 'Chưa gửi được thông tin liên hệ. Vui lòng thử lại sau ít phút.',
    callbackNetwork: 'Chưa gửi được do lỗi mạng. Vui lòng thử lại.',
    callbackDoneTitle: 'Đã nhận thông tin liên hệ', callbackDone: '{agency} sẽ liên hệ lại với Ông/Bà để phản hồi.',
  },
  en: {
    callbackTitle: 'Would you like the agency to contact you with a reply?',
    callbackIntro: 'Your feedback has been passed to the agency to look into and answer. If you would like to be contacted, you may leave a phone number or an e-mail address. This is optional.',
    callbackPhone: 'Phone number', callbackPhoneHint: 'For example: 0912 345 678', callbackEmail: 'E-mail',
    callbackConsent: 'I agree that {agency} may use this phone number/e-mail only to contact me about my feedback; it will be erased automatically within a set period after my feedback has been handled.',
    callbackSend: 'Send my contact details',
    callbackPrivacy: 'Your contact details are kept apart from your rating and never appear in reports; only the staff responsible for handling your feedback can see them.',
    callbackNeedOne: 'Please enter a phone number or an e-mail address.',
    callbackBadPhone: 'This phone number does not look right. Please enter a Vietnamese number, e.g. 0912 345 678.',
    callbackBadEmail: 'This e-mail address does not look right, e.g. name@example.vn.',
    callbackNeedConsent: 'Please tick the box to agree that the agency may contact you.',
    callbackFailed: 'Your contact details could not be sent. Please try again in a few minutes.',
    callbackNetwork: 'Not sent: the network failed. Please try again.',
    callbackDoneTitle: 'Contact details received', callbackDone: '{agency} will contact you with a reply.',
  },
};

/** The switches' own words (lib/i18n.js): the language to switch to, larger text, high contrast. */
export const switches = {
  vi: { otherLanguage: 'English', otherLanguageCode: 'EN', largeText: 'Chữ lớn', highContrast: 'Tương phản cao' },
  en: { otherLanguage: 'Tiếng Việt', otherLanguageCode: 'VI', largeText: 'Larger text', highContrast: 'High contrast' },
};
