// Báo cáo định kỳ: the province digest of a month as the "digest" job sends it (what rose, what fell, units below
// target, open cases), and, for an administrator, sending a unit's monthly report to its subscribers now.
import { get, post } from '/lib/api.js';
import { h, table, tableBox } from '/lib/dom.js';
import { count, currentLang, formatDate, formatMonth, num, signed } from '/lib/i18n.js';
import { announce, attempt, field, form, select, submit } from './forms.js';
import { t } from './messages.js';

/** The month lives in the hash (#/reports?month=2025-12); by default the month just ended. */
function chosenMonth() {
  const query = new URLSearchParams(location.hash.split('?')[1] ?? '');
  const month = query.get('month');
  if (month && /^\d{4}-\d{2}$/.test(month)) {
    return month;
  }
  const now = new Date();
  const last = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  return `${last.getUTCFullYear()}-${String(last.getUTCMonth() + 1).padStart(2, '0')}`;
}

const interval = (low, high) => `${num(low)}–${num(high)}`;

/** A month inside a sentence: "tháng 12/2025" (formatMonth writes it as a heading starts it). */
const inSentence = (month) => (currentLang() === 'vi' ? formatMonth(month).toLowerCase() : formatMonth(month));

/** The months to choose from, newest first: this one and the three years before it. */
function months() {
  const now = new Date();
  const out = [];
  for (let i = 0; i < 37; i++) {
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i, 1));
    const value = `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
    out.push({ value, label: formatMonth(value) });
  }
  return out;
}

function changes(id, caption, entries, total) {
  if (!entries.length) {
    return h('p', { id }, `${caption}: ${t('repNone')}`);
  }
  const rows = entries.map((e) => h('tr', { 'data-unit': e.unit },
    h('th', { scope: 'row' }, e.name),
    h('td', { class: 'num' }, num(e.baseline)),
    h('td', { class: 'num' }, `${num(e.index)} (${interval(e.indexLow, e.indexHigh)})`),
    h('td', { class: 'num' }, signed(e.delta)),
    h('td', { class: 'num' }, `${signed(e.low)} ${t('repTo')} ${signed(e.high)}`),
    h('td', { class: 'num' }, count(e.n))));
  const more = total > entries.length ? h('p', { class: 'hint' }, t('repMore', total - entries.length)) : null;
  return h('div', { id }, tableBox(table(`${caption} (${count(total)})`,
    [t('agency'), t('repBaseline'), t('repIndex'), t('repDelta'), t('repDeltaCi'), t('repN')], rows)), more);
}

function section(id, title, s) {
  return h('section', { id, 'aria-labelledby': `${id}-title` },
    h('h3', { id: `${id}-title` }, title),
    h('p', {}, t('repCompared', count(s.compared))),
    changes(`${id}-rose`, t('repRose'), s.rose, s.roseCount),
    changes(`${id}-fell`, t('repFell'), s.fell, s.fellCount));
}

function belowTarget(d) {
  if (!d.belowTarget.length) {
    return h('p', { id: 'rep-below' }, t('repBelowNone'));
  }
  return h('div', { id: 'rep-below' }, tableBox(table(t('repBelowCaption', d.targetYear),
    [t('agency'), t('repIndex'), t('repTarget'), t('repN')],
    d.belowTarget.map((b) => h('tr', { 'data-unit': b.unit }, h('th', { scope: 'row' }, b.name),
      h('td', { class: 'num' }, `${num(b.index)} (${interval(b.low, b.high)})`),
      h('td', { class: 'num' }, num(b.target)), h('td', { class: 'num' }, count(b.n)))))));
}

function openCases(c) {
  const summary = h('p', {}, t('repCasesTotal', count(c.open), count(c.overdue)));
  if (!c.units.length) {
    return h('div', { id: 'rep-cases' }, summary);
  }
  return h('div', { id: 'rep-cases' }, summary, tableBox(table(t('repCasesCaption'),
    [t('agency'), t('repOpen'), t('repOverdue')],
    c.units.map((u) => h('tr', { 'data-unit': u.unit }, h('th', { scope: 'row' }, u.name),
      h('td', { class: 'num' }, count(u.open)), h('td', { class: 'num' }, count(u.overdue)))))));
}

export async function render(view, args, session) {
  const month = chosenMonth();
  const [digest, units] = await Promise.all([
    get(`/reports/digest?month=${encodeURIComponent(month)}`),
    session.role === 'admin' ? get('/units') : [],
  ]);
  const ytd = digest.yearToDate;
  const children = [
    h('h1', {}, t('repTitle')),
    h('p', {}, t('repIntro')),
    form((v) => { location.hash = `#/reports?${new URLSearchParams({ month: v.month })}`; },
      field(t('repMonth'), select('month', months(), month)),
      h('p', { class: 'field' }, submit(t('repShow')))),
    h('h2', { id: 'rep-digest' }, t('repDigestTitle', inSentence(digest.month))),
    h('p', { class: 'hint' }, h('a', { href: `/api/v1/reports/digest.txt?month=${encodeURIComponent(digest.month)}` },
      t('repText'))),
    section('rep-month', t('repInMonth', formatMonth(digest.month), inSentence(digest.inMonth.baselineFrom.slice(0, 7))),
      digest.inMonth),
    section('rep-ytd', t('repYtd', formatDate(ytd.from), formatDate(ytd.to), formatDate(ytd.baselineFrom),
      formatDate(ytd.baselineTo)), ytd),
    h('h3', {}, t('repBelowTitle', digest.targetYear)),
    belowTarget(digest),
    h('h3', {}, t('repCasesTitle')),
    openCases(digest.openCases),
    h('p', { class: 'hint' }, t('repMethod', digest.minN)),
  ];
  if (session.role === 'admin') {
    const sendForm = form(async (v) => {
      const sent = await attempt(() => post('/reports/send', { unit: v.unit, month: v.month }));
      if (sent) {
        announce(t('repSent', sent.unit, inSentence(sent.month), count(sent.recipients)));
      }
    },
    field(t('agency'), select('unit', units.map((u) => ({ value: u.code, label: `${u.code} · ${u.nameVi}` })),
      units[0]?.code)),
    field(t('repMonth'), select('month', months(), month), t('repSendHint')),
    h('p', { class: 'field' }, submit(t('repSend'))));
    sendForm.id = 'rep-send';
    children.push(h('h2', {}, t('repSendTitle')), sendForm);
  }
  view.replaceChildren(...children);
  // The month chooser on one line; the send form stacked, its hint wrapping within the width.
  view.querySelector('form').classList.add('inline-form');
}
