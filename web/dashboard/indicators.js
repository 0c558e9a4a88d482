// The Decision 766 indicators from the dossier facts, per unit of the view's subtree, for the year in view; the
// filters of the ratings (procedure, centre, channel) do not apply to these counts.
import { latest } from '/lib/api.js';
import { fill } from '/lib/dom.js';
import { indicatorsContent } from '/lib/indicators.js';
import { t } from './messages.js';

const ask = latest();

/** The API path of a view: its unit, year and boundaries, by unit. */
function pathOf(state) {
  const params = new URLSearchParams();
  if (state.unit) {
    params.set('unit', state.unit);
  }
  if (state.boundaries) {
    params.set('boundaries', state.boundaries);
  }
  params.set('from', `${state.year}-01-01`);
  params.set('to', `${state.year}-12-31`);
  params.set('groupBy', 'unit');
  return `/indicators?${params}`;
}

/** Draws the section for the view, fetching only when the view changed; a newer view wins over an older one. */
export async function render(section, state) {
  const path = pathOf(state);
  const answer = await ask(path);
  if (answer !== undefined) {
    fill(section, indicatorsContent(answer, t, { period: t('yoyPeriod', state.year), id: 'indicators-table' }));
  }
}
