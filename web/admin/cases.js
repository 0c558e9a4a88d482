// Phản ánh cần xử lý: the follow-up cases opened by negative ratings that say why (docs/cases.md). The inbox (#/cases),
// a case's page (#/cases/17), and for administrators the working days per unit and the holidays (#/cases/settings).
import { del, get, patch, put } from '/lib/api.js';
import { fill, h, table, tableBox } from '/lib/dom.js';
import { formatDate, formatDateTime, nameOf, pick } from '/lib/i18n.js';
import { announce, button, confirmDialog, field, form, input, select, showError, submit } from './forms.js';
import { t } from './messages.js';

/** A history line's note in the page's words: a contact's kinds are stored as codes (phone, email). */
function noteText(e) {
  if (e.action === 'contact_erased') {
    return null;
  }
  if (e.action === 'contact_left' || e.action === 'contact_changed') {
    return e.note.split(', ').map((kind) => ({ phone: t('casePhone'), email: t('caseEmail') }[kind] || kind)).join(', ');
  }
  return e.note;
}

const handles = (session) => session.role === 'admin' || session.role === 'agency_manager';
const due = (iso) => t('caseDueOn', formatDate(iso));
const label = (x) => (x ? pick(x, 'label') ?? '–' : '–');

/** args: [] the inbox (?status=…&overdue=…&mine=…&unit=…&page=…), ['settings'], or [id] a case. */
export async function render(view, args, session) {
  if (args[0] === 'settings') {
    return renderSettings(view, session);
  }
  if (/^\d+$/.test(args[0] ?? '')) {
    return renderCase(view, Number(args[0]), session);
  }
  return renderInbox(view, session);
}

function query() {
  return new URLSearchParams(location.hash.split('?')[1] ?? '');
}

function statusBadge(c) {
  return h('span', { class: `badge case-${c.status}` }, t(`caseStatus_${c.status}`));
}

function overdueBadge(c) {
  return c.overdue ? h('span', { class: 'badge late wide-only' }, t('caseOverdue')) : null;
}

async function renderInbox(view, session) {
  const q = query();
  const status = q.get('status') ?? 'open';
  const overdue = q.get('overdue') === 'true';
  const mine = q.get('mine') === 'true';
  const unit = q.get('unit') ?? '';
  const page = Math.max(0, Number(q.get('page')) || 0);
  const params = new URLSearchParams({ page: String(page), size: '25' });
  if (status !== 'all') {
    params.set('status', status);
  }
  if (overdue) {
    params.set('overdue', 'true');
  }
  if (mine) {
    params.set('assignee', 'me');
  }
  if (unit) {
    params.set('unit', unit);
  }
  const [listing, units] = await Promise.all([get(`/cases?${params}`), get('/units')]);
  const go = (changes) => {
    const next = new URLSearchParams({ status, ...(overdue ? { overdue: 'true' } : {}), ...(mine ? { mine: 'true' } : {}),
      ...(unit ? { unit } : {}), ...changes });
    for (const [k, v] of [...next.entries()]) {
      if (v === '' || v === 'false') {
        next.delete(k);
      }
    }
    location.hash = `#/cases?${next}`;
  };
  const statusPicker = select('status', ['open', 'all', 'new', 'in_progress', 'resolved', 'rejected']
    .map((s) => ({ value: s, label: t(`caseFilter_${s}`) })), status, { id: 'case-status' });
  statusPicker.addEventListener('change', () => go({ status: statusPicker.value, page: '0' }));
  const unitPicker = select('unit', [{ value: '', label: t('caseAllUnits') },
    ...units.map((u) => ({ value: u.code, label: `${nameOf(u)} (${u.code})` }))], unit, { id: 'case-unit' });
  unitPicker.addEventListener('change', () => go({ unit: unitPicker.value, page: '0' }));
  const overdueBox = input('overdue', { type: 'checkbox', id: 'case-overdue', checked: overdue });
  overdueBox.addEventListener('change', () => go({ overdue: String(overdueBox.checked), page: '0' }));
  const mineBox = input('mine', { type: 'checkbox', id: 'case-mine', checked: mine });
  mineBox.addEventListener('change', () => go({ mine: String(mineBox.checked), page: '0' }));
  const pages = Math.max(1, Math.ceil(listing.total / listing.size));
  fill(view,
    h('h1', {}, t('casesTitle')),
    h('p', { class: 'lead' }, t('casesIntro')),
    session.role === 'admin' ? h('p', {}, h('a', { href: '#/cases/settings', id: 'case-settings-link' }, t('caseSettingsLink'))) : null,
    h('div', { class: 'columns filters' },
      field(t('caseStatus'), statusPicker), field(t('unit'), unitPicker),
      field(t('caseOnlyOverdue'), overdueBox), handles(session) ? field(t('caseOnlyMine'), mineBox) : null),
    listing.cases.length === 0 ? h('p', { id: 'cases-empty' }, t('casesNone'))
      : tableBox(table(t('casesCaption', listing.total), [t('caseOpened'), t('unit'), t('caseRating'), t('caseWhy'),
        t('caseDue'), t('caseStatus'), t('caseAssignee')],
      listing.cases.map((c) => h('tr', { 'data-case': c.id, class: c.overdue ? 'overdue' : null },
        // The overdue badge beside the date too: on a phone the deadline's column is scrolled away.
        h('th', { scope: 'row' }, h('a', { href: `#/cases/${c.id}` }, formatDate(c.openedAt)),
          c.overdue ? h('span', { class: 'badge late narrow-only' }, t('caseOverdue')) : null,
          c.hasContact ? h('span', { class: 'badge contact' }, t('caseContactBadge')) : null),
        h('td', {}, nameOf(c.unit)),
        h('td', {}, label(c.rating)),
        h('td', { class: 'why' }, c.comment ?? (c.reason ? label(c.reason) : '–')),
        h('td', { class: 'due' }, due(c.dueOn), ' ', overdueBadge(c)),
        h('td', {}, statusBadge(c)),
        h('td', {}, c.assignee ? (c.assignee.name || c.assignee.username) : '–'))), { id: 'cases-table', class: 'cases' })),
    pages > 1 ? h('p', { class: 'actions pager' },
      page > 0 ? button(t('casePrevious'), () => go({ page: String(page - 1) })) : null,
      h('span', {}, t('casePage', page + 1, pages)),
      page + 1 < pages ? button(t('caseNext'), () => go({ page: String(page + 1) })) : null) : null);
}

async function renderCase(view, id, session) {
  const detail = await get(`/cases/${id}`);
  const c = detail.case;
  const again = () => renderCase(view, id, session);
  const facts = [
    [t('unit'), `${nameOf(c.unit)} (${c.unit.code})`],
    [t('caseSubmitted'), formatDateTime(c.submittedAt)],
    [t('caseRating'), label(c.rating)],
    [t('caseComment'), c.comment ?? '–'],
    c.reason ? [t('caseReason'), label(c.reason)] : null,
    c.service ? [t('caseService'), nameOf(c.service)] : null,
    c.centre ? [t('caseCentre'), nameOf(c.centre)] : null,
    c.counter ? [t('caseCounter'), nameOf(c.counter)] : null,
    c.dossierCode ? [t('caseDossier'), c.dossierCode] : null,
    [t('caseOpened'), formatDateTime(c.openedAt)],
    [t('caseDue'), h('span', {}, due(c.dueOn), ' ', overdueBadge(c))],
    [t('caseStatus'), statusBadge(c)],
    [t('caseAssignee'), c.assignee ? (c.assignee.name || c.assignee.username) : t('caseNobody')],
    c.closedAt ? [t('caseClosed'), formatDateTime(c.closedAt)] : null,
  ].filter(Boolean);
  const contact = detail.contact ? h('section', { class: 'panel contact', 'aria-labelledby': 'case-contact' },
    h('h2', { id: 'case-contact' }, t('caseContactTitle')),
    h('dl', { class: 'facts' },
      detail.contact.phone ? [h('dt', {}, t('casePhone')), h('dd', {}, h('a', { href: `tel:${detail.contact.phone}` }, detail.contact.phone))] : null,
      detail.contact.email ? [h('dt', {}, t('caseEmail')), h('dd', {}, h('a', { href: `mailto:${encodeURIComponent(detail.contact.email).replace('%40', '@')}` }, detail.contact.email))] : null,
      h('dt', {}, t('caseConsent')), h('dd', {}, detail.contact.consentText, ' (', formatDateTime(detail.contact.consentedAt), ')')),
    h('p', { class: 'hint' }, t('caseContactPrivacy')))
    : c.hasContact ? h('p', { class: 'muted', id: 'case-contact-hidden' }, t('caseContactHidden')) : null;
  let actions = null;
  if (detail.mayChange) {
    const closed = c.status === 'resolved' || c.status === 'rejected';
    const options = closed ? ['in_progress'] : c.status === 'new' ? ['in_progress', 'resolved', 'rejected'] : ['resolved', 'rejected'];
    const statusPicker = select('status', [{ value: '', label: t('caseKeepStatus') },
      ...options.map((s) => ({ value: s, label: t(closed ? 'caseReopen' : `caseStatus_${s}`) }))], '', { id: 'case-new-status' });
    let assigneeControl = null;
    if (session.role === 'admin') {
      const users = await get('/users').catch(() => []);
      assigneeControl = field(t('caseAssignTo'), select('assignee', [{ value: '', label: t('caseKeepAssignee') },
        ...users.filter((u) => u.active && (u.role === 'admin' || u.role === 'agency_manager'))
          .map((u) => ({ value: u.username, label: `${u.displayName || u.username} (${u.username})` }))], '', { id: 'case-assignee' }));
    }
    actions = h('section', { class: 'panel', 'aria-labelledby': 'case-handle' },
      h('h2', { id: 'case-handle' }, t('caseHandle')),
      c.assignee?.username !== session.username ? h('p', {}, button(t('caseAssignMe'), async () => {
        try {
          await patch(`/cases/${id}`, { assignee: 'me' });
          await again();
          announce(t('saved'));
        } catch (e) {
          showError(e);
        }
      }, 'secondary', { id: 'case-assign-me' })) : null,
      form(async (v) => {
        const body = {};
        if (v.status) {
          body.status = v.status;
        }
        if (v.assignee) {
          body.assignee = v.assignee;
        }
        if (!closed || v.status) {
          if (v.answer !== (c.answer ?? '')) {
            body.answer = v.answer || null;
          }
        }
        if (v.note) {
          body.note = v.note;
        }
        if (Object.keys(body).length === 0) {
          announce(t('caseNothing'), 'error');
          return;
        }
        // Closing needs the unit's answer to the citizen: said here in the page's words, before the server's 422.
        const answer = body.answer !== undefined ? body.answer : c.answer;
        if ((v.status === 'resolved' || v.status === 'rejected') && !(answer && answer.trim())) {
          const box = document.getElementById('case-answer');
          box.setAttribute('aria-invalid', 'true');
          box.focus();
          announce(t('caseAnswerRequired'), 'error');
          return;
        }
        await patch(`/cases/${id}`, body);
        await again();
        announce(t('saved'));
      },
      assigneeControl,
      field(t('caseAnswer'), h('textarea', { name: 'answer', id: 'case-answer', rows: 5, maxlength: 4000, readonly: closed || null },
        c.answer ?? ''), t('caseAnswerHint')),
      h('div', { class: 'columns' },
        field(t('caseNewStatus'), statusPicker),
        field(t('caseNote'), input('note', { id: 'case-note', maxlength: 1000 }))),
      h('p', {}, submit(t('save')))));
  } else if (c.answer) {
    actions = h('section', { class: 'panel' }, h('h2', {}, t('caseAnswer')), h('p', {}, c.answer));
  }
  fill(view,
    h('p', {}, h('a', { href: '#/cases' }, t('caseBack'))),
    h('h1', {}, t('caseTitle', c.id)),
    h('dl', { class: 'facts', id: 'case-facts' }, facts.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])),
    contact,
    actions,
    tableBox(table(t('caseHistory'), [t('caseWhen'), t('caseWho'), t('caseWhat')],
      detail.history.map((e) => h('tr', {},
        h('td', {}, formatDateTime(e.at)),
        h('td', {}, e.actor === 'system' ? t('caseSystem') : e.actor === 'citizen' ? t('caseCitizen') : e.actor),
        h('td', {}, t(`caseEvent_${e.action}`), e.toStatus && e.action !== 'opened' ? ` → ${t(`caseStatus_${e.toStatus}`)}` : '',
          e.note && e.action !== 'answered' && noteText(e) ? ` (${noteText(e)})` : ''))), { id: 'case-history' })));
}

async function renderSettings(view, session) {
  if (session.role !== 'admin') {
    view.replaceChildren(h('h1', {}, t('forbidden')), h('p', {}, t('noRights')));
    return;
  }
  const [settings, holidays] = await Promise.all([get('/case-settings'), get('/holidays')]);
  const again = () => renderSettings(view, session);
  const names = new Map(settings.settings.map((s) => [s.unit, nameOf({ nameVi: s.nameVi, nameEn: s.nameEn })]));
  fill(view,
    h('p', {}, h('a', { href: '#/cases' }, t('caseBack'))),
    h('h1', {}, t('caseSettingsTitle')),
    h('p', { class: 'lead' }, t('caseSettingsIntro', settings.defaultWorkingDays)),
    h('section', { class: 'panel', 'aria-labelledby': 'set-days' },
      h('h2', { id: 'set-days' }, t('caseSetDays')),
      form(async (v, el) => {
        const days = Number(v.workingDays);
        if (!Number.isInteger(days) || days < 1 || days > 60) {
          const control = el.querySelector('[name=workingDays]');
          control.setAttribute('aria-invalid', 'true');
          control.focus();
          announce(t('caseDaysRange'), 'error');
          return;
        }
        await put(`/case-settings/${encodeURIComponent(v.unit)}`, { workingDays: days });
        await again();
        announce(t('saved'));
      },
      h('div', { class: 'columns' },
        field(t('unit'), select('unit', settings.settings.map((s) => ({ value: s.unit, label: `${names.get(s.unit)} (${s.unit})` })),
          settings.settings[0]?.unit, { id: 'days-unit' })),
        field(t('caseWorkingDays'), input('workingDays', { id: 'days-value', inputmode: 'numeric', required: true, maxlength: 2 }),
          t('caseDaysRange'))),
      h('p', {}, submit(t('save'))))),
    tableBox(table(t('caseDaysCaption'), [t('unit'), t('caseWorkingDays'), t('caseDaysSource')],
      settings.settings.map((s) => h('tr', { 'data-unit': s.unit },
        h('th', { scope: 'row' }, names.get(s.unit), ' ', h('span', { class: 'muted unit-code' }, `(${s.unit})`)),
        h('td', { class: 'num' }, String(s.workingDays)),
        h('td', {}, s.from === null ? t('caseDaysDefault') : s.inherited ? t('caseDaysInherited', names.get(s.from) ?? s.from) : t('caseDaysOwn')))),
      { id: 'days-table' })),
    h('h2', { id: 'holidays' }, t('caseHolidays')),
    h('p', {}, t('caseHolidaysIntro')),
    h('section', { class: 'panel', 'aria-labelledby': 'add-holiday' },
      h('h2', { id: 'add-holiday' }, t('caseAddHoliday')),
      form(async (v) => {
        await put(`/holidays/${encodeURIComponent(v.date)}`, { name: v.name });
        await again();
        announce(t('saved'));
      },
      h('div', { class: 'columns' },
        field(t('caseHolidayDate'), input('date', { type: 'date', id: 'holiday-date', required: true })),
        field(t('caseHolidayName'), input('name', { id: 'holiday-name', required: true, maxlength: 200 }))),
      h('p', {}, submit(t('add'))))),
    tableBox(table(t('caseHolidays'), [t('caseHolidayDate'), t('caseHolidayName'), t('actions')],
      holidays.holidays.map((x) => holidayRow(x, again)), { id: 'holidays-table' })));
}

function holidayRow(x, again) {
  const remove = button(t('remove'), async () => {
    if (await confirmDialog(t('caseRemoveHoliday', formatDate(x.day)), t('remove'))) {
      await del(`/holidays/${x.day}`);
      await again();
      announce(t('saved'));
    }
  }, 'secondary small', { 'aria-label': `${t('remove')}: ${formatDate(x.day)}` });
  return h('tr', {}, h('td', {}, formatDate(x.day)), h('td', {}, x.name), h('td', {}, remove));
}
