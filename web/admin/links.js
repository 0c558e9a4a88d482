// Đường dẫn khảo sát: the survey links of one's units, the ratings each brought, their posters and QR codes; make
// one for a place (agency, and optionally a procedure, a centre and its counter), take one out of use or back.
import { get, patch, post } from '/lib/api.js';
import { fill, h, table, tableBox } from '/lib/dom.js';
import { count, formatDate, nameOf } from '/lib/i18n.js';
import { announce, attempt, button, confirmDialog, field, form, select, submit } from './forms.js';
import { t } from './messages.js';
import { unitOptions } from './units.js';

/**
 * Whether a centre takes ratings about an agency, as the server decides (a rating names only a centre that serves its
 * agency): a centre serves the departments of its unit, or its own unit when that has none.
 */
function serves(centre, agency, units) {
  const departments = units.filter((u) => u.parentId === centre.unitId && u.kind === 'department' && u.active);
  return departments.length ? departments.some((u) => u.id === agency.id) : centre.unitId === agency.id;
}

const named = (x) => (x ? nameOf(x) : '–');

/** A link's address, allowed to wrap before its path rather than in the host name; bare shows it as a poster does. */
function address(url, bare = false) {
  const shown = bare ? url.replace(/^https?:\/\//, '') : url;
  const at = shown.lastIndexOf('/s/');
  return h('span', { class: 'url' }, at < 0 ? shown : [shown.slice(0, at), h('wbr', {}), shown.slice(at)]);
}

/** Print, download and change: the poster and QR codes of a link in use; its state for those who may change it. */
function actions(link, mayChange, onChange) {
  const label = (key) => `${t(key)} ${link.code}`;
  const download = (format) => h('a', {
    class: 'button secondary small', href: link[format === 'png' ? 'qrPng' : 'qrSvg'],
    download: `khao-sat-${link.code}.${format}`, 'aria-label': label(format === 'png' ? 'qrPngFor' : 'qrSvgFor'),
  }, t(format === 'png' ? 'qrPng' : 'qrSvg'));
  return [
    link.active ? h('a', { class: 'button secondary small', href: link.poster, target: '_blank', rel: 'noopener',
      'aria-label': label('printPosterFor') }, t('printPoster')) : null,
    link.active ? download('png') : null,
    link.active ? download('svg') : null,
    mayChange ? button(t(link.active ? 'retireLink' : 'reuseLink'), () => onChange(link),
      link.active ? 'danger small' : 'secondary small', { 'aria-label': label(link.active ? 'retireLink' : 'reuseLink') })
      : null,
  ];
}

/** A link just made: its address and QR code, with the same actions as its row. */
function freshPanel(link, existed, onDone) {
  return h('section', { class: 'panel fresh-link', id: 'fresh-link', tabindex: '-1', 'aria-labelledby': 'fresh-title' },
    h('h2', { id: 'fresh-title' }, t(existed ? 'linkExisted' : 'linkMade', link.code)),
    h('div', { class: 'qr-box', role: 'img', 'aria-label': t('linkQrAlt', link.url) },
      h('img', { src: link.qrSvg, alt: '', id: 'fresh-qr' })),
    h('p', {}, h('strong', {}, `${t('linkUrl')}: `), h('a', { id: 'fresh-url', href: link.url, target: '_blank',
      rel: 'noopener' }, address(link.url))),
    h('p', { class: 'actions' }, actions(link, false), button(t('done'), onDone, 'primary')));
}

function row(link, mayChange, onChange) {
  return h('tr', { class: link.active ? null : 'retired', 'data-code': link.code },
    h('th', { scope: 'row' }, h('code', {}, link.code), address(link.url, true)),
    h('td', { 'data-label': t('agency') }, named(link.agency)),
    h('td', { 'data-label': t('procedure') }, named(link.service)),
    h('td', { 'data-label': t('place') }, link.centre ? nameOf(link.centre) : '–',
      link.counter ? h('span', { class: 'sub' }, `${t('counter')}: ${nameOf(link.counter)}`) : null),
    h('td', { 'data-label': t('questionnaireCol') }, link.questionnaire),
    h('td', { 'data-label': t('createdOn') }, formatDate(link.createdAt)),
    h('td', { class: 'num', 'data-label': t('ratingsCol') }, count(link.ratings)),
    h('td', { 'data-label': t('status') }, h('span', { class: `badge ${link.active ? 'good' : 'off'}` },
      t(link.active ? 'linkActive' : 'linkRetired'))),
    h('td', {}, h('div', { class: 'actions' }, actions(link, mayChange, onChange))));
}

function list(links, mayChange, onChange) {
  return tableBox(table(t('linksCaption', links.length), [t('link'), t('agency'), t('procedure'), t('place'),
    t('questionnaireCol'), t('createdOn'), t('ratingsCol'), t('status'), t('actions')],
  links.map((l) => row(l, mayChange, onChange)), { class: 'links' }));
}

/** The form that makes a link: the centres offered are those serving the agency chosen, the counters of that centre. */
function linkForm(units, services, centres, questionnaires, onMade) {
  const agencies = units.filter((u) => u.active);
  const agencySelect = select('agency', [{ value: '', label: t('chooseAgency') },
    ...unitOptions(agencies).map((o) => ({ value: agencies.find((u) => u.id === o.value).code, label: o.label }))], '');
  const serviceSelect = select('service', [{ value: '', label: t('anyProcedure') },
    ...services.filter((s) => s.active).map((s) => ({ value: s.code, label: `${nameOf(s)} (${s.code})` }))], '');
  const centreSelect = select('centre', [], '');
  const counterSelect = select('counter', [], '', { disabled: true });
  const published = questionnaires.filter((q) => q.versions.some((v) => v.status === 'published'));
  const questionnaireSelect = select('questionnaire', published.map((q) => ({ value: q.code,
    label: nameOf(q).includes(q.code) ? nameOf(q) : `${nameOf(q)} (${q.code})` })),
    published.some((q) => q.code === 'SIPAS') ? 'SIPAS' : published[0]?.code);
  const options = (el, list) => el.replaceChildren(...list.map((o) => h('option', { value: o.value }, o.label)));
  const showCounters = async () => {
    counterSelect.disabled = true;
    options(counterSelect, [{ value: '', label: t('noCounterChosen') }]);
    const centre = centres.find((c) => c.code === centreSelect.value);
    if (!centre) {
      return;
    }
    const { counters } = await get(`/centres/${centre.id}`);
    if (centreSelect.value !== centre.code) {
      return; // another centre was chosen meanwhile
    }
    options(counterSelect, [{ value: '', label: t('noCounterChosen') },
      ...counters.filter((c) => c.active).map((c) => ({ value: c.code, label: `${nameOf(c)} (${c.code})` }))]);
    counterSelect.disabled = counters.length === 0;
  };
  const showCentres = () => {
    const agency = agencies.find((u) => u.code === agencySelect.value);
    options(centreSelect, [{ value: '', label: t('noCentreChosen') },
      ...(agency ? centres.filter((c) => c.active && serves(c, agency, units)) : [])
        .map((c) => ({ value: c.code, label: `${nameOf(c)} (${c.code})` }))]);
    centreSelect.disabled = centreSelect.options.length === 1;
    return showCounters();
  };
  agencySelect.addEventListener('change', () => attempt(showCentres));
  centreSelect.addEventListener('change', () => attempt(showCounters));
  showCentres();
  return form(async (v, el) => {
    if (!v.agency) {
      agencySelect.setAttribute('aria-invalid', 'true');
      agencySelect.focus();
      announce(t('chooseAgencyFirst'), 'error');
      return;
    }
    const body = { agency: v.agency, questionnaire: v.questionnaire };
    for (const key of ['service', 'centre', 'counter']) {
      if (v[key]) {
        body[key] = v[key];
      }
    }
    await onMade(await post('/survey-links', body), el);
  },
  h('div', { class: 'columns' },
    field(t('agency'), agencySelect),
    field(t('procedure'), serviceSelect, t('procedureHint')),
    field(t('centre'), centreSelect, t('centreHint')),
    field(t('counter'), counterSelect),
    field(t('questionnaireCol'), questionnaireSelect)),
  h('p', {}, submit(t('makeLink'))));
}

export async function render(view, args, session, fresh) {
  const mayChange = session.role === 'admin' || session.role === 'agency_manager';
  const [links, units, services, centres, questionnaires] = await Promise.all([get('/survey-links'),
    mayChange ? get('/units') : [], mayChange ? get('/services') : [], mayChange ? get('/centres') : [],
    mayChange ? get('/questionnaires') : []]);
  const again = (made) => render(view, args, session, made);
  const change = async (link) => {
    if (link.active && !await confirmDialog(t('retireConfirm', link.code, link.url), t('retireLink'))) {
      return;
    }
    if (await attempt(() => patch(`/survey-links/${encodeURIComponent(link.code)}`, { active: !link.active }))) {
      await again();
      announce(t(link.active ? 'linkRetiredOk' : 'linkReusedOk', link.code));
    }
  };
  const slot = h('div', {});
  const shown = fresh && links.find((l) => l.code === fresh.code);
  if (shown) {
    slot.append(freshPanel(shown, fresh.existed, () => slot.replaceChildren()));
  }
  // fill, not replaceChildren: the form an analyst is not offered is null, which replaceChildren would print as "null".
  fill(view,
    h('h1', {}, t('linksTitle')),
    h('p', { class: 'lead' }, t('linksLead')),
    slot,
    links.length ? list(links, mayChange, change) : h('p', {}, t('noLinks')),
    mayChange ? h('section', { class: 'panel', 'aria-labelledby': 'add-link' },
      h('h2', { id: 'add-link' }, t('addLink')),
      linkForm(units, services, centres, questionnaires, async (made) => {
        await again({ code: made.code, existed: links.some((l) => l.code === made.code) });
      })) : null);
  slot.querySelector('#fresh-link')?.focus();
}
