// Alerts near the headline: the units in view whose index fell significantly over the last four weeks, or whose
// interval lies wholly below their target (docs/alerts.md), with the figures they were raised on, who was told, and a
// button to acknowledge them. Every figure is the API's (/alerts); nothing is recomputed here.
import { latest, post } from '/lib/api.js';
import { fill, h } from '/lib/dom.js';
import { count, formatDate, formatDateTime, nameOf, num, pValue, signed } from '/lib/i18n.js';
import { t } from './messages.js';

/** The weekly check's ISO week, "2025-W50", as "tuần 50/2025" ("week 50 of 2025"). */
function weekly(period) {
  const m = /^(\d{4})-W(\d{2})$/.exec(period);
  return m ? t('alertWeekly', Number(m[2]), m[1]) : t('alertWeekly', period, '');
}

const ask = latest();

/** The API path of a view: the alerts of the unit in view's subtree (else of the whole scope) for its questionnaire. */
function pathOf(state, questionnaire) {
  const params = new URLSearchParams();
  if (state.unit) {
    params.set('unit', state.unit);
  }
  params.set('questionnaire', questionnaire);
  params.set('limit', '20');
  return `/alerts?${params}`;
}

const interval = (low, high) => t('alertInterval', num(low), num(high));

/** A fall as a positive number of points with its interval, "giảm 8,2 điểm (KTC 95 %: 4,1 đến 12,3 điểm)". */
function fall(change) {
  return t('alertFall', num(-change.delta), num(-change.high), num(-change.low));
}

function sentence(alert, unitName) {
  const f = alert.figures;
  const recent = t('alertRecent', formatDate(alert.recent.from), formatDate(alert.recent.to), num(f.recent.value),
    interval(f.recent.low, f.recent.high), count(f.recent.n));
  if (alert.kind === 'drop') {
    return h('p', { class: 'alert-sentence' }, recent, ' ',
      t('alertDropSentence', fall(f.change), num(f.baseline.value), count(f.baseline.n), pValue(f.change.q), f.family));
  }
  const target = f.target;
  return h('p', { class: 'alert-sentence' }, recent, ' ',
    t(target.inherited ? 'alertBelowInherited' : 'alertBelowSentence', num(target.value), unitName(target.from)));
}

function criteriaLine(alert, criterionName) {
  const list = alert.figures.criteria;
  if (!list.length) {
    return null;
  }
  // "fell most" only when they all fell; a below-target alert may come while its criteria rose.
  const label = list.every((c) => c.change.delta < 0) ? 'alertCriteria' : 'alertCriteriaMixed';
  return h('p', { class: 'alert-criteria' }, h('span', { class: 'label' }, t(label)), ' ',
    list.map((c) => t('alertCriterion', criterionName(c.code), num(c.baseline), num(c.recent),
      signed(c.change.delta), signed(c.change.low), signed(c.change.high))).join('; '));
}

function toldLine(alert) {
  const names = alert.told.map((x) => x.name).filter(Boolean);
  return names.length ? t('alertTold', names.join(', ')) : t('alertToldNobody');
}

function acknowledgement(alert, mayAcknowledge, onAcknowledged, showError) {
  if (alert.acknowledgedAt) {
    return h('p', { class: 'alert-ack done' }, t('alertAcknowledged', alert.acknowledgedBy, formatDateTime(alert.acknowledgedAt)),
      alert.note ? h('span', { class: 'alert-note' }, ` ${t('alertNoteSaid', alert.note)}`) : null);
  }
  if (!mayAcknowledge) {
    return h('p', { class: 'alert-ack' }, t('alertNotAcknowledged'));
  }
  const id = `alert-note-${alert.id}`;
  const input = h('input', { id, name: 'note', type: 'text', maxlength: '2000', autocomplete: 'off' });
  const button = h('button', { type: 'submit' }, t('alertAcknowledge'));
  const form = h('form', { class: 'alert-ack-form no-print' },
    h('label', { for: id }, t('alertNote')), input, button);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    button.disabled = true;
    try {
      await post(`/alerts/${alert.id}/acknowledge`, input.value.trim() ? { note: input.value.trim() } : {});
      onAcknowledged();
    } catch (e) {
      button.disabled = false;
      showError(e);
    }
  });
  return form;
}

/**
 * Draws the section for the view, fetching only when the view changed; a newer view wins over an older one.
 * session: who reads (its role decides whether the acknowledge button is offered); criterionName, unitName: a
 * criterion's and a unit's name by its code.
 */
export async function render(section, state, { questionnaire, session, criterionName, unitName, showError }) {
  const path = pathOf(state, questionnaire);
  const answer = await ask(path);
  if (answer === undefined) {
    return;
  }
  const mayAcknowledge = ['admin', 'analyst', 'agency_manager'].includes(session.role);
  const reload = () => {
    ask.forget();
    render(section, state, { questionnaire, session, criterionName, unitName, showError }).catch(showError);
  };
  const alerts = answer.alerts;
  const open = alerts.filter((a) => !a.acknowledgedAt).length;
  section.dataset.alerts = String(alerts.length);
  section.classList.toggle('has-open', open > 0);
  fill(section, h('h2', {}, t('alertsTitle'), open ? h('span', { class: 'alert-count' }, ` ${t('alertsOpen', count(open))}`) : null),
    h('p', { class: 'note' }, t('alertsRule')),
    alerts.length === 0
      ? h('p', { id: 'alerts-none' }, t('alertsNone'))
      : h('ul', { class: 'alert-list' }, alerts.map((a) => h('li', {
        class: `alert-item ${a.kind === 'drop' ? 'kind-drop' : 'kind-target'}${a.acknowledgedAt ? ' acknowledged' : ''}`,
        'data-alert-id': String(a.id), 'data-kind': a.kind },
      h('h3', {}, h('span', { class: 'alert-kind' }, t(`alertKind_${a.kind}`)), ' · ', nameOf(a.unit)),
      sentence(a, unitName),
      criteriaLine(a, criterionName),
      h('p', { class: 'alert-meta' }, t('alertRaised', formatDate(a.createdAt),
        a.period.startsWith('manual-') ? t('alertManual') : weekly(a.period)), ' · ', toldLine(a)),
      acknowledgement(a, mayAcknowledge, reload, showError)))));
}
