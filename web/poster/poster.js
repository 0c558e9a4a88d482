// A printable A5 poster for a survey link (/poster/#{code}): both languages at once, since the paper
// cannot switch. The QR code is drawn by the server (/api/v1/qr) from the short link.
import { request } from '/lib/api.js';
import { h } from '/lib/dom.js';

const messages = {
  vi: {
    title: 'Ông/Bà hài lòng với dịch vụ hôm nay?',
    steps: [
      'Mở máy ảnh điện thoại và quét mã QR, hoặc gõ đường dẫn bên dưới mã.',
      'Trả lời phiếu khảo sát: ẩn danh, khoảng 3 phút.',
      'Bấm "Gửi phiếu". Xin cảm ơn!',
    ],
    agency: 'Cơ quan', centre: 'Nơi giải quyết', counter: 'Quầy', service: 'Thủ tục',
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
    agency: 'Agency', centre: 'Where', counter: 'Counter', service: 'Procedure',
    qrAlt: 'QR code to the survey',
    footer: 'Your views help the agency serve people better.',
    invalid: 'No such survey link. Open this page with #link-code, for example /poster/#abc2345.',
    loadFailed: 'Could not load the link. Check the connection and reload.',
  },
};

function fail(key) {
  const problem = document.getElementById('problem');
  problem.textContent = `${messages.vi[key]} / ${messages.en[key]}`;
  problem.hidden = false;
}

async function start() {
  document.getElementById('print').addEventListener('click', () => window.print());
  const code = decodeURIComponent(location.hash.replace(/^#/, '')).trim();
  if (!code) { fail('invalid'); return; }
  let link;
  try {
    const answer = await request('GET', '/survey-links/' + encodeURIComponent(code));
    if (answer.status !== 200) { fail('invalid'); return; }
    link = answer.body;
  } catch {
    fail('loadFailed');
    return;
  }
  const { vi, en } = messages;
  const shortUrl = link.url; // made from the server's public address, whatever this page was opened at
  document.getElementById('title-vi').textContent = vi.title;
  document.getElementById('title-en').textContent = en.title;
  const place = document.getElementById('place');
  for (const key of ['agency', 'service', 'centre', 'counter']) {
    const named = link[key];
    if (!named) continue;
    place.append(h('p', { class: 'place-' + key },
      h('span', { class: 'label', text: `${vi[key]} / ${en[key]}: ` }),
      h('strong', { text: named.nameVi }),
      named.nameEn && named.nameEn !== named.nameVi ? h('span', { class: 'en', lang: 'en', text: ' · ' + named.nameEn }) : null));
  }
  const qr = document.getElementById('qr');
  qr.alt = `${vi.qrAlt} / ${en.qrAlt}: ${shortUrl}`;
  qr.src = '/api/v1/qr?format=svg&text=' + encodeURIComponent(shortUrl);
  document.getElementById('short-url').textContent = shortUrl.replace(/^https?:\/\//, '');
  document.getElementById('steps-vi').replaceChildren(...vi.steps.map((s) => h('li', { text: s })));
  document.getElementById('steps-en').replaceChildren(...en.steps.map((s) => h('li', { text: s })));
  document.getElementById('footer').textContent = `${vi.footer} · ${en.footer}`;
  document.title = `Hài Lòng – ${link.agency ? link.agency.nameVi : ''} – QR`;
  document.getElementById('sheet').hidden = false;
}

start();
