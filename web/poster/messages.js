// The poster's words: both languages are printed at once, Vietnamese first. Words the other citizen pages say too are
// lib/words.js's.
import { catalogue } from '/lib/i18n.js';
import { citizen, common } from '/lib/words.js';

export const messages = catalogue(common, citizen, {
  vi: {
    title: 'Ông/Bà hài lòng với dịch vụ hôm nay?',
    steps: [
      'Mở máy ảnh điện thoại và quét mã QR, hoặc gõ đường dẫn bên dưới mã.',
      'Trả lời phiếu khảo sát: ẩn danh, khoảng 3 phút.',
      'Bấm "Gửi phiếu". Xin cảm ơn!',
    ],
    qrAlt: 'Mã QR dẫn tới phiếu khảo sát',
    footer: 'Ý kiến của Ông/Bà giúp cơ quan phục vụ tốt hơn.',
    invalid: 'Không tìm thấy đường dẫn khảo sát này. Mở trang với #mã-đường-dẫn, ví dụ /poster/#abc2345.',
    loadFailed: 'Không tải được thông tin đường dẫn. Kiểm tra kết nối rồi tải lại trang.',
  },
  en: {
    title: 'How satisfied were you with our service today?',
    steps: [
      'Open your phone camera and scan the QR code, or type the address under it.',
      'Answer the survey: anonymous, about 3 minutes.',
      'Press "Send". Thank you!',
    ],
    qrAlt: 'QR code to the survey',
    footer: 'Your views help the agency serve people better.',
    invalid: 'No such survey link. Open this page with #link-code, for example /poster/#abc2345.',
    loadFailed: 'Could not load the link. Check the connection and reload.',
  },
});
