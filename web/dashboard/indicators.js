// The Decision 766 indicators from the dossier facts, per unit of the view's subtree, for the year in view; the
// filters of the ratings (procedure, centre, channel) do not apply to these counts.
import { get } from '/lib/api.js';
import { fill } from '/lib/dom.js';
import { indicatorsContent } from '/lib/indicators.js';
import { t } from './messages.js';

let loaded = { path: null, answer: null };

/** The API path of a view: its unit and year, by unit. */
function pathOf(state) {
  const params = new URLSearchParams();
  if (state.unit) {
    params.set('unit', state.unit);
  }
  params.set('from', `${state.year}-01-01`);
  params.set('to', `${state.year}-12-31`);
  params.set('groupBy', 'unit');
  return `/indicators?${params}`;
}

/** Draws the section for the view, fetching only when the view changed; a newer view wins over an older one. */
export async function render(section, state) {
  const path = pathOf(state);
  if (loaded.path !== path) {
    loaded = { path, answer: get(path) };
  }
  const mine = loaded;
  const answer = await mine.answer;
  if (mine === loaded) {
    fill(section, indicatorsContent(answer, t, { period: t('yoyPeriod', state.year), id: 'indicators-table' }));
  }
}
