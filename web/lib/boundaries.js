// Administrative boundaries (địa giới hành chính) as the dashboard and the report show them: which view the figures are
// in (today's units, or the units as they were when each rating was given), the note beside a comparison over time,
// the figures that are estimates (a share of a split unit's ratings) and what became of a unit that has ended. Its
// words are here, said once, for both page families.
import { h } from './dom.js';
import { formatDate, nameOf } from './i18n.js';

/** The words of the boundaries, for the catalogues of the page families that show them. */
export const boundaryWords = {
  vi: {
    boundaries: 'Địa giới hành chính', boundariesCurrent: 'Hiện nay', boundariesHistorical: 'Như tại thời điểm đánh giá',
    boundariesNoteCurrent: 'So sánh theo địa giới hiện nay: số liệu trước ngày {0} của các đơn vị đã sáp nhập được tính'
      + ' vào đơn vị kế thừa.',
    boundariesNoteHistorical: 'So sánh theo địa giới tại thời điểm đánh giá: mỗi phiếu được tính vào đơn vị đã nhận nó;'
      + ' đơn vị thành lập từ ngày {0} không có số liệu trước ngày đó.',
    estimate: 'ước tính',
    estimateText: 'Ước tính: số liệu của {0} gồm {1} % số phiếu của {2} trước ngày {3} (đơn vị đã chia tách).',
    endedMerge: 'đã sáp nhập vào {0} từ ngày {1}', endedSplit: 'đã chia tách thành {0} từ ngày {1}',
    endedDissolve: 'đã giải thể từ ngày {1}', endedOther: 'đã kết thúc từ ngày {1}', and: ' và ',
  },
  en: {
    boundaries: 'Administrative boundaries', boundariesCurrent: 'As they are today',
    boundariesHistorical: 'As they were when rated',
    boundariesNoteCurrent: 'Compared in today\'s boundaries: the figures before {0} of units that have merged count under'
      + ' the units that carry them on.',
    boundariesNoteHistorical: 'Compared in the boundaries as they were when rated: each rating counts under the unit that'
      + ' received it; a unit made on {0} has no figures before that day.',
    estimate: 'estimate',
    estimateText: 'Estimate: the figures of {0} include {1} % of the ratings of {2} before {3} (a unit that was split).',
    endedMerge: 'merged into {0} on {1}', endedSplit: 'split into {0} on {1}', endedDissolve: 'dissolved on {1}',
    endedOther: 'ended on {1}', and: ' and ',
  },
};

/** "historical" or "" (today's boundaries, the default) from an address's boundaries parameter. */
export const boundariesOf = (value) => (value === 'historical' ? 'historical' : '');

/**
 * The note beside a comparison over time, from an answer's boundaries object: null when no unit of the answer ever
 * changed. The day named is the latest change.
 */
export function boundariesNote(t, answer, id) {
  const b = answer?.boundaries;
  if (!b || !b.changes?.length) {
    return null;
  }
  const day = formatDate(b.changes[b.changes.length - 1]);
  return h('p', { class: 'note boundaries-note', id },
    t(b.view === 'historical' ? 'boundariesNoteHistorical' : 'boundariesNoteCurrent', day));
}

/** The estimates of an answer, by the code of the unit whose figures include a share. */
export function estimatesOf(answer) {
  const byUnit = new Map();
  for (const e of answer?.boundaries?.estimates ?? []) {
    byUnit.set(e.unit, [...(byUnit.get(e.unit) ?? []), e]);
  }
  return byUnit;
}

/** An estimate's sentence, naming the split unit, the share and the day. */
export const estimateText = (t, e) => t('estimateText', nameOf({ nameVi: e.nameVi, nameEn: e.nameEn }),
  String(Math.round(e.share * 100)), nameOf({ nameVi: e.fromNameVi, nameEn: e.fromNameEn }), formatDate(e.until));

/**
 * The "ước tính" badge of a unit whose figures include a split unit's share, with the sentence as its tooltip and,
 * for screen readers and print, as hidden text; null when the unit's figures are not estimates.
 */
export function estimateBadge(t, estimates, code) {
  const list = estimates.get(code);
  if (!list) {
    return null;
  }
  const text = list.map((e) => estimateText(t, e)).join(' ');
  return h('span', { class: 'badge estimate', title: text, 'data-estimate': code },
    h('span', { 'aria-hidden': 'true' }, t('estimate')), h('span', { class: 'visually-hidden' }, text));
}

/** Every estimate of an answer, in sentences under a table or chart; null when there is none. */
export function estimatesNote(t, answer, id) {
  const list = answer?.boundaries?.estimates ?? [];
  return list.length ? h('p', { class: 'note estimates-note', id }, list.map((e) => estimateText(t, e)).join(' ')) : null;
}

/** What became of a unit that has ended (from GET /units): "đã sáp nhập vào Phường Minh An từ ngày 01/07/2025". */
export function endedText(t, unit) {
  if (!unit.ended) {
    return null;
  }
  const by = unit.endedBy ?? { kind: 'end', into: [] };
  const into = by.into.map((s) => nameOf(s)).join(t('and'));
  const key = { merge: 'endedMerge', split: 'endedSplit', dissolve: 'endedDissolve' }[by.kind] ?? 'endedOther';
  return t(key, into, formatDate(unit.validTo));
}
