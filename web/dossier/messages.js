// The dossier rating page's words, Vietnamese first. {code} is the dossier code, {n}/{total} numbers.
export const messages = {
  vi: {
    brand: 'Đánh giá giải quyết hồ sơ',
    switchTo: 'EN', switchLabel: 'English', largeText: 'Chữ lớn', highContrast: 'Tương phản cao',
    loading: 'Đang tải…',
    invalidTitle: 'Đường dẫn đánh giá không hợp lệ',
    invalidText: 'Đường dẫn này không đúng hoặc không còn dùng được. Vui lòng kiểm tra lại tin nhắn hoặc giấy hẹn trả kết quả.',
    loadFailed: 'Không tải được trang đánh giá. Vui lòng kiểm tra kết nối mạng rồi tải lại trang.',
    ratedTitle: 'Hồ sơ đã được đánh giá',
    ratedText: 'Hồ sơ {code} đã được đánh giá. Cảm ơn Ông/Bà!',
    dossier: 'Hồ sơ số', agency: 'Cơ quan', service: 'Thủ tục',
    comment: 'Góp ý thêm (không bắt buộc)', charCount: '{n}/{total} ký tự',
    missingSummary: 'Vui lòng trả lời các câu được đánh dấu.',
    serverSaid: 'Đánh giá chưa được nhận.',
    linkProblem: 'Đường dẫn đánh giá này không dùng được cho hồ sơ này. Vui lòng dùng đường dẫn trên giấy hẹn trả kết quả.',
    networkFailed: 'Chưa gửi được do lỗi mạng. Bấm "Gửi đánh giá" để thử lại.',
    serverFailed: 'Máy chủ đang gặp sự cố. Vui lòng thử lại sau ít phút.',
    tooMany: 'Có quá nhiều lượt gửi từ nơi này. Vui lòng thử lại sau {n} giây.',
    na: 'Không áp dụng',
    send: 'Gửi đánh giá', sending: 'Đang gửi…',
    thanksTitle: 'Cảm ơn Ông/Bà!', thanksText: 'Đánh giá về hồ sơ {code} đã được ghi nhận.',
  },
  en: {
    brand: 'Dossier rating',
    switchTo: 'VI', switchLabel: 'Tiếng Việt', largeText: 'Larger text', highContrast: 'High contrast',
    loading: 'Loading…',
    invalidTitle: 'This rating link is not valid',
    invalidText: 'This link is wrong or can no longer be used. Please check the message or the appointment slip.',
    loadFailed: 'The rating page could not be loaded. Please check your connection and reload the page.',
    ratedTitle: 'Dossier already rated',
    ratedText: 'Dossier {code} has already been rated. Thank you!',
    dossier: 'Dossier', agency: 'Agency', service: 'Procedure',
    comment: 'Anything else to tell us? (optional)', charCount: '{n}/{total} characters',
    missingSummary: 'Please answer the marked questions.',
    serverSaid: 'The rating was not accepted.',
    linkProblem: 'This rating link cannot be used for this dossier. Please use the link on your appointment slip.',
    networkFailed: 'Not sent: the network failed. Press "Send rating" to try again.',
    serverFailed: 'The server has a problem. Please try again in a few minutes.',
    tooMany: 'Too many ratings sent from here. Please try again in {n} seconds.',
    na: 'Not applicable',
    send: 'Send rating', sending: 'Sending…',
    thanksTitle: 'Thank you!', thanksText: 'Your rating of dossier {code} has been recorded.',
  },
};

export function format(text, values) {
  return text.replace(/\{(\w+)\}/g, (all, key) => (key in values ? String(values[key]) : all));
}
