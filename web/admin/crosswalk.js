// Units in time: how an ended unit is marked, a unit's history as a timeline, and the crosswalk upload (bảng chuyển
// đổi đơn vị): a dry run first, showing what would happen or every problem by row, then "Áp dụng".
import { ApiError, get, post } from '/lib/api.js';
import { fill, h, table, tableBox } from '/lib/dom.js';
import { formatDate, formatDateTime, nameOf } from '/lib/i18n.js';
import { announce, attempt, button, field, form, input, submit } from './forms.js';
import { t } from './messages.js';

const KINDS = ['merge', 'split', 'rename', 'move', 'dissolve'];
const unitText = (u) => (u ? `${u.nameVi} (${u.code})` : t('noParent'));
const unitLink = (u) => (u ? h('a', { href: `#/units/${u.id}` }, unitText(u)) : t('noParent'));

/** "đã sáp nhập vào Xã C (C) từ ngày 01/07/2025", "đã giải thể từ ngày …", "đã chia tách thành …"; null while valid. */
export function endedLabel(unit) {
  if (!unit.ended) {
    return null;
  }
  const day = formatDate(unit.validTo);
  const into = (unit.endedBy?.into ?? []).map(unitText).join(', ');
  switch (unit.endedBy?.kind) {
    case 'merge': return t('endedMerged', into, day);
    case 'split': return t('endedSplit', into, day);
    case 'dissolve': return t('endedDissolved', day);
    default: return t('endedOn', day);
  }
}

/** The unit's validity in words: "từ ngày 01/07/2025", "đến ngày 01/07/2025 (đã kết thúc)", "không giới hạn". */
export function validityText(unit) {
  const from = unit.validFrom ? t('validFrom', formatDate(unit.validFrom)) : t('validSinceAlways');
  return unit.validTo ? `${from} – ${t('validUntil', formatDate(unit.validTo))}` : from;
}

/** One event of the unit's history, in a sentence of the reader's language. */
function eventSentence(e) {
  const share = e.share !== null && e.share !== undefined ? ` ${t('shareOf', Math.round(e.share * 1000) / 10)}` : '';
  switch (e.kind) {
    case 'merge':
      return e.role === 'unit' ? t('evMergedInto', unitText(e.successor)) : t('evTookIn', unitText(e.unit));
    case 'split':
      return (e.role === 'unit' ? t('evSplitInto', unitText(e.successor)) : t('evSplitFrom', unitText(e.unit))) + share;
    case 'rename':
      return t('evRenamed', `${e.oldNameVi} (${e.oldCode})`, `${e.newNameVi ?? e.oldNameVi} (${e.newCode ?? e.oldCode})`);
    case 'move':
      return t('evMoved', unitText(e.oldParent), unitText(e.newParent));
    case 'dissolve':
      return t('evDissolved');
    default:
      return e.kind;
  }
}

/** #/units/{id}/history: validity, codes, events as a timeline, where the unit stood over time. */
export async function renderHistory(view, id) {
  const history = await get(`/units/${encodeURIComponent(id)}/history`);
  const unit = history.unit;
  const ended = endedLabel(unit);
  fill(view,
    h('p', {}, h('a', { href: `#/units/${unit.id}` }, `← ${t('unitDetails', nameOf(unit))}`)),
    h('h1', {}, t('historyTitle', nameOf(unit))),
    ended ? h('p', { class: 'notice' }, h('span', { class: 'badge off' }, ended)) : null,
    h('dl', { class: 'facts' },
      h('dt', {}, t('code')), h('dd', {}, unit.code),
      h('dt', {}, t('validity')), h('dd', {}, validityText(unit)),
      history.predecessors.length ? [h('dt', {}, t('predecessors')), h('dd', {}, list(history.predecessors))] : null,
      history.successors.length ? [h('dt', {}, t('successors')), h('dd', {}, list(history.successors))] : null),
    h('section', { 'aria-labelledby': 'h-events' },
      h('h2', { id: 'h-events' }, t('historyEvents')),
      history.events.length
        ? h('ol', { class: 'timeline' }, history.events.map((e) => h('li', {},
          h('p', { class: 'when' }, h('strong', {}, t('onDay', formatDate(e.effectiveDate)))),
          h('p', {}, eventSentence(e)),
          h('p', { class: 'hint' }, t('recorded', t(`source_${e.source}`), e.recordedBy ?? '–',
            formatDateTime(e.recordedAt))))))
        : h('p', {}, t('noUnitEvents'))),
    h('section', { 'aria-labelledby': 'h-codes' },
      h('h2', { id: 'h-codes' }, t('historyCodes')),
      h('ul', {}, history.codes.map((c) => h('li', {}, h('span', { class: 'code' }, c.code), ' ',
        c.current ? t('codeCurrent') : t('codeUntil', formatDate(c.until)))))),
    h('section', { 'aria-labelledby': 'h-places' },
      h('h2', { id: 'h-places' }, t('historyPlacements')),
      tableBox(table(t('placementsCaption'), [t('fromDay'), t('toDay'), t('parent')],
        history.placements.map((p) => h('tr', {},
          h('td', {}, p.from ? formatDate(p.from) : t('sinceAlways')),
          h('td', {}, p.to ? formatDate(p.to) : t('untilNow')),
          h('td', {}, unitLink(p.parent))))))));
}

function list(links) {
  return h('ul', { class: 'plain' }, links.map((l) => h('li', {}, unitLink(l.unit), ` · ${t(`kind_${l.kind}`)} `,
    t('onDayInline', formatDate(l.effectiveDate)),
    l.share !== null && l.share !== undefined ? ` · ${t('shareOf', Math.round(l.share * 1000) / 10)}` : '')));
}

/** The crosswalk panel: choose a file, check it (dry run), see what would happen or the problems, then apply. */
export function crosswalkPanel(onApplied) {
  const file = input('file', { type: 'file', accept: '.csv,text/csv', 'aria-describedby': 'cw-hint' });
  const result = h('div', { id: 'cw-result' });
  const panel = h('section', { class: 'panel', 'aria-labelledby': 'cw-title' },
    h('h2', { id: 'cw-title' }, t('cwTitle')),
    h('p', { class: 'hint', id: 'cw-hint' }, t('cwHint')),
    h('p', { class: 'hint' }, h('code', {}, 'old_code,new_code,event,effective_date,share,new_name,new_parent,kind')),
    form(async () => {
      result.replaceChildren();
      if (!file.files.length) {
        file.setAttribute('aria-invalid', 'true');
        announce(t('chooseFile'), 'error');
        return;
      }
      const text = await file.files[0].text();
      const outcome = await send(text, true);
      if (!outcome) {
        return;
      }
      result.replaceChildren(
        h('h3', { id: 'cw-checked' }, t('cwWouldDo')),
        summary(outcome),
        outcomes(outcome),
        h('p', {}, button(t('cwApply'), async (event) => {
          event.target.disabled = true;
          const applied = await attempt(() => send(text, false));
          event.target.disabled = false;
          if (applied) {
            await onApplied();
            announce(t('cwApplied', summaryText(applied)));
          }
        }, 'primary', { id: 'cw-apply' })));
      announce(t('cwChecked'));
      result.querySelector('#cw-apply').focus();
    },
    field(t('csvFile'), file),
    h('p', {}, submit(t('cwCheck')))),
    result);

  /** Posts the file; on problems shows them by row in the panel and answers undefined. */
  async function send(text, dryRun) {
    try {
      return await post(`/units/crosswalk?dryRun=${dryRun}`, text, { contentType: 'text/csv; charset=utf-8' });
    } catch (e) {
      if (e instanceof ApiError && e.problems.length) {
        result.replaceChildren(tableBox(table(t('cwProblems', e.problems.length),
          [t('row'), t('column'), t('problem')],
          e.problems.map((p) => h('tr', {}, h('td', {}, String(p.row)), h('td', {}, p.column || '–'),
            h('td', {}, p.message))))));
        announce(t('cwRejected'), 'error');
        return undefined;
      }
      throw e;
    }
  }
  return panel;
}

function summaryText(outcome) {
  const events = KINDS.filter((k) => outcome.events[k]).map((k) => `${outcome.events[k]} ${t(`kind_${k}`)}`);
  return t('cwSummary', events.join(', ') || '0', outcome.unitsCreated.length, outcome.unitsEnded.length);
}

function summary(outcome) {
  return h('div', {},
    h('p', {}, summaryText(outcome)),
    outcome.unitsCreated.length
      ? h('p', {}, `${t('cwCreated')}: ${outcome.unitsCreated.map(unitText).join('; ')}`) : null,
    outcome.unitsEnded.length
      ? h('p', {}, `${t('cwEnded')}: ${outcome.unitsEnded.map(unitText).join('; ')}`) : null);
}

function outcomes(outcome) {
  return tableBox(table(t('cwRows'), [t('row'), t('cwEvent'), t('cwDate'), t('cwOld'), t('cwNew')],
    outcome.outcomes.map((o) => h('tr', {},
      h('td', {}, String(o.row)),
      h('td', {}, t(`kind_${o.event}`)),
      h('td', {}, formatDate(o.effectiveDate)),
      h('td', {}, o.oldCode),
      h('td', {}, o.newCode ? `${o.newCode}${o.created ? ` (${t('cwNewUnit')})` : ''}` : '–')))));
}
