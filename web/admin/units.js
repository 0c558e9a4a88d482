// Đơn vị: the unit tree; add, rename, move, deactivate; bulk import from CSV; units in time (ended units marked, a
// unit's history, the crosswalk upload in crosswalk.js).
import { get, patch, post } from '/lib/api.js';
import { fill, h } from '/lib/dom.js';
import { nameOf } from '/lib/i18n.js';
import { announce, attempt, button, confirmDialog, field, form, input, select, submit } from './forms.js';
import { importForm } from './csv.js';
import { t } from './messages.js';
import { historyLink } from './audit.js';
import { crosswalkPanel, endedLabel, renderHistory, validityText } from './crosswalk.js';

const collapsed = new Set();

/** Units in tree order, each with its depth; roots are those whose parent is not in the list. */
export function treeOrder(units) {
  const ids = new Set(units.map((u) => u.id));
  const children = new Map();
  for (const u of units) {
    const key = u.parentId !== null && ids.has(u.parentId) ? u.parentId : null;
    if (!children.has(key)) {
      children.set(key, []);
    }
    children.get(key).push(u);
  }
  const out = [];
  const walk = (parent, depth) => {
    for (const u of children.get(parent) ?? []) {
      out.push({ unit: u, depth, hasChildren: children.has(u.id) });
      walk(u.id, depth + 1);
    }
  };
  walk(null, 0);
  return { ordered: out, children };
}

/** Options for choosing a unit, indented by depth; skip leaves out a unit and its subtree. */
export function unitOptions(units, { blank, skip } = {}) {
  const { ordered } = treeOrder(units);
  const options = blank ? [{ value: '', label: blank }] : [];
  let skipDepth = null;
  for (const { unit, depth } of ordered) {
    if (skipDepth !== null && depth > skipDepth) {
      continue;
    }
    skipDepth = null;
    if (unit.id === skip) {
      skipDepth = depth;
      continue;
    }
    options.push({ value: unit.id, label: `${'— '.repeat(depth)}${nameOf(unit)} (${unit.code})` });
  }
  return options;
}

function unitLabel(unit, kinds) {
  const kind = kinds.find((k) => k.code === unit.kind);
  return [
    h('a', { href: `#/units/${unit.id}` }, nameOf(unit)),
    h('span', { class: 'code' }, unit.code),
    h('span', { class: 'badge' }, kind ? nameOf(kind) : unit.kind),
    unit.ended ? h('span', { class: 'badge off ended' }, endedLabel(unit))
      : unit.active ? null : h('span', { class: 'badge off' }, t('inactive')),
  ];
}

/** The collapsible tree; a toggle re-draws the tree and keeps focus on that toggle. */
function tree(units, kinds) {
  const { children } = treeOrder(units);
  const box = h('div', {});
  const draw = (focusId) => {
    const branch = (parent) => h('ul', { class: parent === null ? 'tree' : null },
      (children.get(parent) ?? []).map((u) => {
        const kids = children.has(u.id);
        const open = !collapsed.has(u.id);
        const toggle = kids ? button(open ? '−' : '+', () => {
          if (open) {
            collapsed.add(u.id);
          } else {
            collapsed.delete(u.id);
          }
          draw(u.id);
        }, 'toggle', { 'aria-expanded': String(open), 'aria-label': t(open ? 'collapse' : 'expand', nameOf(u)),
          'data-unit': u.id })
          : h('span', { class: 'spacer', 'aria-hidden': 'true' });
        return h('li', {}, h('div', { class: 'node' }, toggle, unitLabel(u, kinds)), kids && open ? branch(u.id) : null);
      }));
    box.replaceChildren(branch(null));
    if (focusId !== undefined) {
      box.querySelector(`button[data-unit="${focusId}"]`)?.focus();
    }
  };
  draw();
  return box;
}

export async function render(view, args, session) {
  if (args[0] && args[1] === 'history') {
    return renderHistory(view, args[0]);
  }
  if (args[0]) {
    return renderOne(view, args[0], session);
  }
  const [units, kinds] = await Promise.all([get('/units'), get('/unit-kinds')]);
  const admin = session.role === 'admin';
  const kindOptions = kinds.map((k) => ({ value: k.code, label: nameOf(k) }));
  const again = () => render(view, args, session);
  fill(view,
    h('h1', {}, t('unitsTitle')),
    h('section', { 'aria-labelledby': 'tree-title' },
      h('h2', { id: 'tree-title' }, t('unitTree')),
      units.length ? tree(units, kinds) : h('p', {}, t('noUnits'))),
    admin ? h('section', { class: 'panel', 'aria-labelledby': 'add-unit' },
      h('h2', { id: 'add-unit' }, t('addUnit')),
      form(async (v) => {
        const created = await post('/units', {
          code: v.code, nameVi: v.nameVi, nameEn: v.nameEn || null, kind: v.kind,
          parentId: v.parentId ? Number(v.parentId) : null,
        });
        await again();
        announce(t('unitAdded', `${created.nameVi} (${created.code})`));
      },
      h('div', { class: 'columns' },
        field(t('code'), input('code', { required: true, maxlength: 64 })),
        field(t('kind'), select('kind', kindOptions, kinds[0]?.code)),
        field(t('nameVi'), input('nameVi', { required: true, maxlength: 300 })),
        field(t('nameEn'), input('nameEn', { maxlength: 300 })),
        field(t('parent'), select('parentId', unitOptions(units, { blank: t('noParent') }), ''))),
      h('p', {}, submit(t('add'))))) : null,
    admin ? importForm('/units/import', t('unitCsvHint'), again) : null,
    admin ? crosswalkPanel(again) : null);
}

async function renderOne(view, id, session) {
  const unit = await get(`/units/${encodeURIComponent(id)}`);
  const admin = session.role === 'admin';
  const [units, kinds] = await Promise.all([get('/units'), get('/unit-kinds')]);
  const parent = units.find((u) => u.id === unit.parentId);
  const kind = kinds.find((k) => k.code === unit.kind);
  const again = () => renderOne(view, id, session);
  const children = units.filter((u) => u.parentId === unit.id);
  const editable = admin && !unit.ended;
  fill(view,
    h('p', {}, h('a', { href: '#/units' }, `← ${t('allUnits')}`)),
    h('h1', {}, t('unitDetails', nameOf(unit))),
    unit.ended ? h('p', { class: 'notice' }, h('span', { class: 'badge off ended' }, endedLabel(unit)), ' ',
      admin ? t('endedNotEdited') : null) : null,
    h('dl', { class: 'facts' },
      h('dt', {}, t('code')), h('dd', {}, unit.code),
      h('dt', {}, t('nameVi')), h('dd', {}, unit.nameVi),
      h('dt', {}, t('nameEn')), h('dd', {}, unit.nameEn ?? '–'),
      h('dt', {}, t('kind')), h('dd', {}, kind ? nameOf(kind) : unit.kind),
      h('dt', {}, t('parent')), h('dd', {}, parent ? h('a', { href: `#/units/${parent.id}` }, nameOf(parent))
        : unit.parentId === null ? t('noParent') : `#${unit.parentId}`),
      h('dt', {}, t('status')), h('dd', {}, t(unit.active ? 'active' : 'inactive')),
      h('dt', {}, t('validity')), h('dd', {}, validityText(unit))),
    h('p', {}, h('a', { href: `#/units/${unit.id}/history`, id: 'unit-history' }, t('unitHistoryLink'))),
    admin ? historyLink('unit', unit.id) : null,
    children.length ? h('section', {}, h('h2', {}, t('unitTree')),
      h('ul', {}, children.map((c) => h('li', {}, h('a', { href: `#/units/${c.id}` }, nameOf(c)), ` (${c.code})`)))) : null,
    editable ? h('section', { class: 'panel', 'aria-labelledby': 'rename' },
      h('h2', { id: 'rename' }, t('rename')),
      form(async (v) => {
        await patch(`/units/${unit.id}`, { code: v.code, nameVi: v.nameVi, nameEn: v.nameEn, kind: v.kind });
        await again();
        announce(t('saved'));
      },
      h('div', { class: 'columns' },
        field(t('code'), input('code', { value: unit.code, required: true })),
        field(t('kind'), select('kind', kinds.map((k) => ({ value: k.code, label: nameOf(k) })), unit.kind)),
        field(t('nameVi'), input('nameVi', { value: unit.nameVi, required: true })),
        field(t('nameEn'), input('nameEn', { value: unit.nameEn ?? '' }))),
      h('p', {}, submit(t('save'))))) : null,
    editable ? h('section', { class: 'panel', 'aria-labelledby': 'move' },
      h('h2', { id: 'move' }, t('move')),
      form(async (v) => {
        await patch(`/units/${unit.id}`, { parentId: Number(v.parentId) });
        await again();
        announce(t('unitMoved'));
      },
      field(t('newParent'), select('parentId', unitOptions(units, { skip: unit.id }), unit.parentId)),
      h('p', {}, submit(t('moveButton'))))) : null,
    editable ? h('p', { class: 'actions' }, button(t(unit.active ? 'deactivate' : 'reactivate'), async () => {
      if (unit.active && !await confirmDialog(t('deactivateConfirm', nameOf(unit)), t('deactivate'))) {
        return;
      }
      if (await attempt(() => patch(`/units/${unit.id}`, { active: !unit.active }))) {
        await again();
        announce(t('saved'));
      }
    }, unit.active ? 'danger' : 'secondary')) : null);
}
