// The Decision 766 indicators computed from the dossier facts (GET /api/v1/indicators), as the dashboard shows them and
// the report prints them: counts of every dossier and complaint, not a survey, so a share with its numerator and
// denominator and never an interval; each with its rule and legal basis. Its words are here, said once, for both.
import { h, table, tableBox } from './dom.js';
import { count, currentLang, formatDate, nameOf, num, pick } from './i18n.js';

/** The words of the indicators, for the catalogues of the page families that show them. */
export const indicatorWords = {
  vi: {
    indicatorsTitle: 'Chỉ tiêu tính từ dữ liệu hồ sơ (Quyết định 766/QĐ-TTg)',
    indicatorsNote: 'Số liệu đếm toàn bộ hồ sơ và phản ánh, kiến nghị do hệ thống một cửa điện tử gửi về, không phải khảo sát'
      + ' mẫu: không có khoảng tin cậy. Mỗi ô ghi tỷ lệ, tử số/mẫu số và nguồn số liệu; đơn vị cấp trên gồm cả các cơ quan,'
      + ' đơn vị trực thuộc.',
    indicatorsTable: 'Chỉ tiêu theo cơ quan, đơn vị, {0}',
    indicatorsRules: 'Cách tính và căn cứ',
    indicatorFormula: 'Công thức: {0}', indicatorBasis: 'Căn cứ: {0}', indicatorFrom: 'Áp dụng từ {0}',
    indicatorUntil: 'đến {0}', indicatorFraction: '{0}/{1}',
    source_month: 'số liệu tháng', source_dossier: 'từng hồ sơ', source_mixed: 'số liệu tháng và từng hồ sơ',
    reason_noData: 'Chưa có dữ liệu hồ sơ', reason_noRule: 'Chưa có quy định áp dụng cho kỳ này',
    reason_ruleChanged: 'Quy định thay đổi trong kỳ; xem riêng từng kỳ',
    reason_notReported: 'Không tính: {0} đơn vị-tháng chưa báo cáo số liệu cần cho chỉ tiêu này',
    reason_dossierRowsOnly: 'Không tính: {0} đơn vị-tháng chưa báo cáo số liệu cần cho chỉ tiêu này (dữ liệu từng hồ sơ'
      + ' không cho biết việc xử lý phản ánh, kiến nghị)',
    reason_zeroDenominator: 'Không có phản ánh, kiến nghị trong kỳ', reason_zeroDossiers: 'Không có hồ sơ giải quyết trong kỳ',
    indicatorsMissing: 'Thiếu: {0}',
    indicatorsMissingUnit: '{0} ({1} tháng, {2})',
  },
  en: {
    indicatorsTitle: 'Indicators computed from dossier data (Decision 766/QĐ-TTg)',
    indicatorsNote: 'Counts of every dossier and complaint sent by the one-stop system, not a sample survey: no confidence'
      + ' interval. Each cell gives the share, numerator/denominator and source; a unit includes the units under it.',
    indicatorsTable: 'Indicators by unit, {0}',
    indicatorsRules: 'How they are computed, and their legal basis',
    indicatorFormula: 'Formula: {0}', indicatorBasis: 'Legal basis: {0}', indicatorFrom: 'In effect from {0}',
    indicatorUntil: 'until {0}', indicatorFraction: '{0}/{1}',
    source_month: 'monthly counts', source_dossier: 'dossier by dossier', source_mixed: 'monthly counts and dossiers',
    reason_noData: 'No dossier data yet', reason_noRule: 'No rule in effect for this period',
    reason_ruleChanged: 'The rule changed within the period; see each period',
    reason_notReported: 'Not computed: {0} unit-months did not report the counts this indicator needs',
    reason_dossierRowsOnly: 'Not computed: {0} unit-months did not report the counts this indicator needs (dossier rows'
      + ' do not tell how complaints were handled)',
    reason_zeroDenominator: 'No complaints or suggestions in the period', reason_zeroDossiers: 'No dossier handled in the period',
    indicatorsMissing: 'Missing: {0}',
    indicatorsMissingUnit: '{0} ({1} months, {2})',
  },
};

function cell(indicator, t) {
  if (!indicator.available) {
    const missing = indicator.missing.map((m) => t('indicatorsMissingUnit', nameOf(m), count(m.months),
      m.first === m.last ? m.first : `${m.first}–${m.last}`)).join('; ');
    return h('td', { class: 'indicator unavailable', 'data-reason': indicator.reason },
      h('span', { class: 'reason' }, t(indicator.reason === 'zeroDenominator' && indicator.code === 'dossiersSatisfied'
        ? 'reason_zeroDossiers' : `reason_${indicator.reason}`, count(indicator.missingCount))),
      missing ? h('span', { class: 'missing' }, t('indicatorsMissing', missing)) : null);
  }
  return h('td', { class: 'indicator num' },
    h('span', { class: 'share' }, `${num(indicator.percent, 1)}%`),
    h('span', { class: 'fraction' }, t('indicatorFraction', count(indicator.numerator), count(indicator.denominator))),
    h('span', { class: 'source' }, t(`source_${indicator.source}`)));
}

/** The rules the answer used, each once: the formulas, then their legal bases and dates, each said once. */
function rules(answer, t) {
  const seen = new Map();
  for (const group of answer.groups) {
    for (const i of group.indicators) {
      if (i.rule && !seen.has(`${i.code}|${i.rule.id}`)) {
        seen.set(`${i.code}|${i.rule.id}`, i);
      }
    }
  }
  const lang = currentLang();
  const bases = new Set([...seen.values()].map((i) => `${t('indicatorBasis', pick(i.rule, 'legalBasis', lang))}. `
    + `${t('indicatorFrom', formatDate(i.rule.effectiveFrom))}`
    + `${i.rule.effectiveUntil ? ` ${t('indicatorUntil', formatDate(i.rule.effectiveUntil))}` : ''}.`));
  return [
    h('dl', { class: 'indicator-rules' }, [...seen.values()].map((i) => [
      h('dt', {}, nameOf(i)),
      h('dd', {}, t('indicatorFormula', pick(i.rule, 'formula', lang))),
    ])),
    [...bases].map((basis) => h('p', { class: 'indicator-basis' }, basis)),
  ];
}

/**
 * The section's content for answer (/indicators?groupBy=unit): heading, what these figures are, one row per unit and
 * one column per indicator, then the rules. period names the period in the table's caption; id names the table.
 */
export function indicatorsContent(answer, t, { period, id }) {
  const first = answer.groups[0];
  const headers = [t('agency'), ...(first ? first.indicators.map((i) => nameOf(i)) : [])];
  const rows = answer.groups.map((g, i) => h('tr', { 'data-unit': g.unit?.code, class: i === 0 ? 'whole' : null },
    h('th', { scope: 'row' }, g.unit ? nameOf(g.unit) : t('allUnits')),
    g.indicators.map((i) => cell(i, t))));
  return [
    h('h2', {}, t('indicatorsTitle')),
    h('p', { class: 'indicators-note' }, t('indicatorsNote')),
    first ? [tableBox(table(t('indicatorsTable', period), headers, rows, { id, class: 'indicators' })), rules(answer, t)]
      : h('p', {}, t('noData')),
  ];
}
