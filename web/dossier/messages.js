// The dossier rating page's words, Vietnamese first; {code} is the dossier's code, {n} a number. Words other citizen
// pages say too are lib/words.js's.
import { catalogue } from '/lib/i18n.js';
import { callback, citizen, common } from '/lib/words.js';

export const messages = catalogue(common, citizen, callback, {
  vi: {
    brand: 'Đánh giá giải quyết hồ sơ',
    invalidTitle: 'Đường dẫn đánh giá không hợp lệ',
    invalidText: 'Đường dẫn này không đúng hoặc không còn dùng được. Vui lòng kiểm tra lại tin nhắn hoặc giấy hẹn trả kết quả.',
    loadFailed: 'Không tải được trang đánh giá. Vui lòng kiểm tra kết nối mạng rồi tải lại trang.',
    ratedTitle: 'Hồ sơ đã được đánh giá',
    ratedText: 'Hồ sơ {code} đã được đánh giá. Cảm ơn Ông/Bà!',
    dossier: 'Hồ sơ số',
    missingSummary: 'Vui lòng trả lời các câu được đánh dấu.',
    serverSaid: 'Đánh giá chưa được nhận.',
    linkProblem: 'Đường dẫn đánh giá này không dùng được cho hồ sơ này. Vui lòng dùng đường dẫn trên giấy hẹn trả kết quả.',
    networkFailed: 'Chưa gửi được do lỗi mạng. Bấm "Gửi đánh giá" để thử lại.',
    serverFailed: 'Máy chủ đang gặp sự cố. Vui lòng thử lại sau ít phút.',
    tooMany: 'Có quá nhiều lượt gửi từ nơi này. Vui lòng thử lại sau {n} giây.',
    send: 'Gửi đánh giá',
    thanksText: 'Đánh giá về hồ sơ {code} đã được ghi nhận.',
    chooseText: 'Đơn vị này đã được chia tách. Vui lòng chọn cơ quan, đơn vị đã giải quyết hồ sơ của Ông/Bà:',
    endedTitle: 'Cơ quan, đơn vị đã giải thể',
    endedText: '{agency} đã giải thể nên không còn nhận đánh giá qua đường dẫn này. Vui lòng liên hệ Bộ phận Một cửa nơi Ông/Bà đã nộp hồ sơ để được hướng dẫn.',
  },
  en: {
    brand: 'Dossier rating',
    invalidTitle: 'This rating link is not valid',
    invalidText: 'This link is wrong or can no longer be used. Please check the message or the appointment slip.',
    loadFailed: 'The rating page could not be loaded. Please check your connection and reload the page.',
    ratedTitle: 'Dossier already rated',
    ratedText: 'Dossier {code} has already been rated. Thank you!',
    dossier: 'Dossier',
    missingSummary: 'Please answer the marked questions.',
    serverSaid: 'The rating was not accepted.',
    linkProblem: 'This rating link cannot be used for this dossier. Please use the link on your appointment slip.',
    networkFailed: 'Not sent: the network failed. Press "Send rating" to try again.',
    serverFailed: 'The server has a problem. Please try again in a few minutes.',
    tooMany: 'Too many ratings sent from here. Please try again in {n} seconds.',
    send: 'Send rating',
    thanksText: 'Your rating of dossier {code} has been recorded.',
    chooseText: 'This agency has been split. Please choose the agency that handled your dossier:',
    endedTitle: 'The agency has been dissolved',
    endedText: '{agency} has been dissolved and no longer takes ratings through this link. Please ask the one-stop desk where you submitted your dossier.',
  },
});
