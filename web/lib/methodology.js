// What a questionnaire's index is, in one sentence of the page's language: it depends on the methodology and on
// whether the questionnaire has elements (a per-dossier rating or a one-tap card has none: its index is the overall
// question's). The words are lib/words.js's figures.

/** form: /forms/{code}; t: the page's translator. */
export function indexDefinition(form, t) {
  return form.elements.length
    ? t(`index_${form.methodology}`, form.elements.length)
    : t(`indexOverall_${form.methodology}`);
}

/** The number of levels of the rated questions' scale (5 for SIPAS, 3 for the per-dossier rating). */
export function ratedLevels(form) {
  const rated = form.questions.find((q) => q.kind === 'rating' || q.kind === 'overall');
  return form.scales[rated?.scale]?.levels?.length ?? 5;
}

/** The question asking why a citizen was not satisfied (a reason, or the one-tap card's problem), if any. */
export const reasonQuestion = (form) => form.questions.find((q) => q.kind === 'reason' || q.kind === 'problem');
