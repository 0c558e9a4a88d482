// A printable A5 poster for a survey link (/poster/#{code}): both languages at once, since the paper
// cannot switch. The QR code is drawn by the server (/api/v1/qr) from the short link.
import { request } from '/lib/api.js';
import { h } from '/lib/dom.js';
import { messages } from './messages.js';

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
  const words = { agency: 'agencyShort', service: 'service', centre: 'where', counter: 'counter' };
  for (const [key, word] of Object.entries(words)) {
    const named = link[key];
    if (!named) continue;
    place.append(h('p', { class: 'place-' + key },
      h('span', { class: 'label', text: `${vi[word]} / ${en[word]}: ` }),
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
