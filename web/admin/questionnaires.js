// Bộ câu hỏi: questionnaires and their versions; edit a draft, publish it (then it never changes).
import { del, get, post, put } from '/lib/api.js';
import { fill, h, table, tableBox } from '/lib/dom.js';
import { formatTimestamp, nameOf } from '/lib/i18n.js';
import { announce, attempt, button, confirmDialog, field, form, input, select, submit } from './forms.js';
import { t } from './messages.js';

const KINDS = ['rating', 'overall', 'expectation', 'incident', 'problem', 'reason'];

export async function render(view, args, session) {
  if (args[0] === 'v' && args[1]) {
    return renderVersion(view, args[1], session);
  }
  const admin = session.role === 'admin';
  const [list, presets] = await Promise.all([get('/questionnaires'), admin ? get('/questionnaire-presets') : []]);
  const again = () => render(view, args, session);
  const rows = list.map((q) => {
    const hasDraft = q.versions.some((v) => v.status === 'draft');
    return h('tr', {},
      h('th', { scope: 'row' }, q.code),
      h('td', {}, nameOf(q)),
      h('td', {}, q.methodology),
      h('td', {}, h('ul', { class: 'plain' }, q.versions.map((v) => h('li', {},
        h('a', { href: `#/questionnaires/v/${v.id}` }, t('version', v.version)), ' ',
        h('span', { class: `badge ${v.status === 'published' ? 'good' : ''}` }, t(v.status === 'draft' ? 'draft' : 'published')))))),
      h('td', {}, admin && !hasDraft && q.versions.length ? button(t('newDraft'), async () => {
        const draft = await attempt(() => post(`/questionnaires/${q.id}/versions`));
        if (draft) {
          location.hash = `#/questionnaires/v/${draft.id}`;
        }
      }, 'secondary small') : null));
  });
  fill(view,
    h('h1', {}, t('questionnairesTitle')),
    tableBox(table(t('questionnairesTitle'), [t('code'), t('name'), t('methodology'), t('versions'), t('actions')], rows)),
    admin ? h('section', { class: 'panel', 'aria-labelledby': 'new-q' },
      h('h2', { id: 'new-q' }, t('newQuestionnaire')),
      form(async (v) => {
        const created = await post('/questionnaires', {
          code: v.code, nameVi: v.nameVi, nameEn: v.nameEn || null, preset: v.preset,
        });
        await again();
        announce(t('created'));
        const draft = created.versions[created.versions.length - 1];
        if (draft) {
          location.hash = `#/questionnaires/v/${draft.id}`;
        }
      },
      h('div', { class: 'columns' },
        field(t('preset'), select('preset', presets.map((p) => ({ value: p.code, label: `${nameOf(p)} (${p.code})` })),
          presets[0]?.code)),
        field(t('code'), input('code', { required: true, maxlength: 64, pattern: '[A-Za-z0-9_.\\-]+' })),
        field(t('nameVi'), input('nameVi', { required: true, maxlength: 300 })),
        field(t('nameEn'), input('nameEn', { maxlength: 300 }))),
      h('p', {}, submit(t('add'))))) : null);
}

/** One version: an editor for a draft (admins), read-only otherwise; report is a fresh publish report. */
async function renderVersion(view, id, session, report) {
  const [version, scales] = await Promise.all([get(`/questionnaire-versions/${encodeURIComponent(id)}`), get('/scales')]);
  const summary = await get(`/questionnaires/${version.questionnaireId}`);
  const admin = session.role === 'admin';
  const editable = admin && version.status === 'draft';
  const again = (r) => renderVersion(view, id, session, r);
  const content = structuredClone(version.content);
  const hasDraft = summary.versions.some((v) => v.status === 'draft');

  const save = () => put(`/questionnaire-versions/${version.id}`, cleaned(content));
  const editorForm = form(async () => {
    await save();
    await again();
    announce(t('saved'));
  }, editor(content, scales, editable), editable ? h('p', { class: 'actions' }, submit(t('save'))) : null);

  fill(view,
    h('p', {}, h('a', { href: '#/questionnaires' }, `← ${t('questionnairesTitle')}`)),
    h('h1', {}, `${t('questionnaire', version.questionnaire)} · ${t('version', version.version)}`),
    h('p', {}, h('span', { class: `badge ${version.status === 'published' ? 'good' : ''}` },
      t(version.status === 'draft' ? 'draft' : 'published')),
    version.publishedAt ? ` ${t('publishedAt')}: ${formatTimestamp(version.publishedAt)}` : null),
    report ? comparability(report.comparability) : null,
    version.status === 'published' ? h('p', { class: 'warning' }, t('readOnly')) : null,
    h('p', { class: 'actions' },
      admin && version.status === 'published' && !hasDraft ? button(t('newDraft'), async () => {
        const draft = await attempt(() => post(`/questionnaires/${version.questionnaireId}/versions`));
        if (draft) {
          location.hash = `#/questionnaires/v/${draft.id}`;
        }
      }) : null,
      editable ? button(t('publish'), async () => {
        if (!await confirmDialog(t('publishConfirm', version.version), t('publish'))) {
          return;
        }
        const result = await attempt(async () => {
          await save();
          return post(`/questionnaire-versions/${version.id}/publish`);
        });
        if (result) {
          await again(result);
          announce(t('publishedOk', version.version));
        }
      }, 'primary', { id: 'publish' }) : null,
      editable ? button(t('deleteDraft'), async () => {
        if (!await confirmDialog(t('deleteConfirm', version.version), t('deleteDraft'))) {
          return;
        }
        if (await attempt(() => del(`/questionnaire-versions/${version.id}`)) !== undefined) {
          location.hash = '#/questionnaires';
          announce(t('draftDeleted'));
        }
      }, 'danger') : null),
    editorForm);
}

function comparability(c) {
  const list = (label, codes) => h('div', { class: 'codes-list' }, h('h3', {}, `${label} (${codes.length})`),
    codes.length ? h('p', { class: 'codes' }, codes.join(', ')) : h('p', { class: 'muted' }, t('none')));
  return h('section', { class: 'panel', id: 'comparability', 'aria-labelledby': 'cmp-title' },
    h('h2', { id: 'cmp-title' }, c.previousVersion ? t('comparability', t('version', c.previousVersion)) : t('comparabilityFirst')),
    h('div', { class: 'columns' }, list(t('kept'), c.kept), list(t('added'), c.added), list(t('dropped'), c.dropped)));
}

/** The content in the exact shape PUT expects (unknown fields are refused by the server). */
function cleaned(c) {
  const blank = (s) => (s === undefined || s === null || String(s).trim() === '' ? null : String(s).trim());
  return {
    titleVi: c.titleVi, titleEn: c.titleEn, introVi: blank(c.introVi), introEn: blank(c.introEn),
    elements: c.elements.map((e) => ({
      code: e.code, nameVi: e.nameVi, nameEn: e.nameEn,
      weight: blank(e.weight) === null ? null : Number(e.weight),
    })),
    criteria: c.criteria.map((q) => ({
      code: q.code, kind: q.kind, element: blank(q.element), scale: q.scale, textVi: q.textVi, textEn: q.textEn,
      required: Boolean(q.required), allowsNa: Boolean(q.allowsNa), requiredIfCode: q.requiredIfCode ?? null,
      requiredIfLevels: q.requiredIfLevels ?? null,
    })),
  };
}

/** Inputs bound to the content object; names match the server's field paths (criteria[3].element). */
function editor(content, scales, editable) {
  const bind = (control, target, key) => {
    control.addEventListener(control.type === 'checkbox' ? 'change' : 'input', () => {
      target[key] = control.type === 'checkbox' ? control.checked : control.value;
    });
    return control;
  };
  const text = (name, target, key, props = {}) =>
    bind(input(name, { value: target[key] ?? '', ...props }), target, key);
  const area = (name, target, key) => {
    const el = h('textarea', { name, rows: 2 });
    el.value = target[key] ?? '';
    return bind(el, target, key);
  };
  const check = (name, target, key) => {
    const el = input(name, { type: 'checkbox' });
    el.checked = Boolean(target[key]);
    return bind(el, target, key);
  };
  const elementsBox = h('div', {});
  const criteriaBox = h('div', {});
  const moveButtons = (list, i, redraw) => editable ? h('p', { class: 'actions' },
    button(t('moveUp'), () => { [list[i - 1], list[i]] = [list[i], list[i - 1]]; redraw(); }, 'secondary small',
      { disabled: i === 0 }),
    button(t('moveDown'), () => { [list[i + 1], list[i]] = [list[i], list[i + 1]]; redraw(); }, 'secondary small',
      { disabled: i === list.length - 1 }),
    button(t('remove'), () => { list.splice(i, 1); redraw(); }, 'danger small')) : null;

  const drawElements = () => {
    elementsBox.replaceChildren(...content.elements.map((e, i) => {
      const code = text(`elements[${i}].code`, e, 'code', { required: true, maxlength: 32 });
      code.addEventListener('change', drawCriteria);
      return h('fieldset', {}, h('legend', {}, `${t('elementN', i + 1)} · ${e.code ?? ''}`),
        h('div', { class: 'grid' },
          field(t('code'), code),
          field(t('nameVi'), text(`elements[${i}].nameVi`, e, 'nameVi', { required: true })),
          field(t('nameEn'), text(`elements[${i}].nameEn`, e, 'nameEn', { required: true })),
          field(t('weight'), text(`elements[${i}].weight`, e, 'weight', { type: 'number', min: 0, step: 'any' }))),
        moveButtons(content.elements, i, () => { drawElements(); drawCriteria(); }));
    }));
  };
  const drawCriteria = () => {
    const elementOptions = [{ value: '', label: t('none') },
      ...content.elements.map((e) => ({ value: e.code, label: `${e.code} · ${nameOf(e)}` }))];
    const scaleOptions = scales.map((s) => ({ value: s.code, label: `${s.code} · ${nameOf(s)}` }));
    criteriaBox.replaceChildren(...content.criteria.map((q, i) => h('fieldset', {},
      h('legend', {}, `${t('criterionN', i + 1)} · ${q.code ?? ''}`),
      h('div', { class: 'grid' },
        field(t('indicator'), text(`criteria[${i}].code`, q, 'code', { required: true, maxlength: 32 })),
        field(t('kind'), bind(select(`criteria[${i}].kind`, KINDS.map((k) => ({ value: k, label: t(`kind_${k}`) })), q.kind), q, 'kind')),
        field(t('element'), bind(select(`criteria[${i}].element`, elementOptions, q.element ?? ''), q, 'element')),
        field(t('scale'), bind(select(`criteria[${i}].scale`, scaleOptions, q.scale), q, 'scale'))),
      field(t('textVi'), area(`criteria[${i}].textVi`, q, 'textVi')),
      field(t('textEn'), area(`criteria[${i}].textEn`, q, 'textEn')),
      h('div', { class: 'grid' },
        field(t('required'), check(`criteria[${i}].required`, q, 'required')),
        field(t('allowsNa'), check(`criteria[${i}].allowsNa`, q, 'allowsNa'))),
      moveButtons(content.criteria, i, drawCriteria))));
  };
  drawElements();
  drawCriteria();
  return h('fieldset', { class: 'editor', disabled: !editable },
    h('legend', {}, content.titleVi ?? ''),
    h('div', { class: 'columns' },
      field(t('titleVi'), text('titleVi', content, 'titleVi', { required: true })),
      field(t('titleEn'), text('titleEn', content, 'titleEn', { required: true })),
      field(t('introVi'), area('introVi', content, 'introVi')),
      field(t('introEn'), area('introEn', content, 'introEn'))),
    h('h2', {}, t('elements')),
    elementsBox,
    editable ? h('p', {}, button(t('addElement'), () => {
      content.elements.push({ code: '', nameVi: '', nameEn: '', weight: null });
      drawElements();
      drawCriteria();
    })) : null,
    h('h2', {}, t('criteria')),
    criteriaBox,
    editable ? h('p', {}, button(t('addCriterion'), () => {
      content.criteria.push({ code: '', kind: 'rating', element: content.elements[0]?.code ?? '', scale: 'SAT5',
        textVi: '', textEn: '', required: true, allowsNa: true, requiredIfCode: null, requiredIfLevels: null });
      drawCriteria();
    })) : null);
}
