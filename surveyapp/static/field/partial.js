// The answers an interview is sent with are the ones the interviewer sees: those of the pages
// passed with Next, and what is typed on pages left otherwise (Back, the list, 'The interview was
// broken off'), applied by the engine as Next applies them (typedAnswers, the one home of that
// rule). Finished ('Finish and send'), every rule holds: a typed value that fails its type or
// rule, or a required question left empty, is a problem named at its page before sending. Sent
// as partial (a break-off), no question is required, but a typed value that fails its type or
// its rule is never sent nor silently dropped either: the interviewer fixes or clears it first.

const PARTIAL_DOCS = new WeakMap();

/** The instrument with no question required (the engine's only difference for a break-off). */
export function withoutRequired(doc) {
  let copy = PARTIAL_DOCS.get(doc);
  if (!copy) {
    copy = structuredClone(doc);
    const strip = (items) => {
      for (const item of items || []) {
        delete item.required;
        strip(item.items); // a repeat's questions
      }
    };
    for (const section of copy.sections || []) strip(section.items);
    PARTIAL_DOCS.set(doc, copy);
  }
  return copy;
}

/**
 * The answers the interviewer sees: `answers` with each page's typed answers (`pending`,
 * {pageId: raw form}) applied in page order by `engine` (window.SurveyEngine) on `doc`, so that
 * skips, calculations and repeat counts settle as Next would settle them. A page no longer asked
 * is left out. Returns {answers, problems: [{page, title, items, code, message, missing}],
 * interview} (`title` and `items` of the problem's page; `missing`: a required question left
 * empty, else a value that fails its type or rule; `interview` the engine's interview of the
 * answers returned); a page with a problem adds nothing.
 */
export function typedAnswers(engine, doc, answers, pending, options) {
  const iv = engine.createInterview(doc, answers, options);
  const tables = typeof engine.messages === 'function' ? engine.messages() : {};
  const required = ((tables && (tables[iv.language] || tables.en)) || {}).required;
  const problems = [];
  const done = new Set();
  for (;;) {
    // Asked again each time: an applied page can add or remove pages (an incident's rounds).
    const id = iv.pageIds().find((p) => Object.hasOwn(pending || {}, p) && !done.has(p));
    if (id === undefined) break;
    done.add(id);
    const { title, items } = iv.page(id);
    for (const error of iv.applyPage(id, pending[id])) {
      problems.push({ page: id, title, items, code: error.code, message: error.message, missing: error.message === required });
    }
  }
  return { answers: iv.answers, problems, interview: iv };
}

/** The answers to send as partial: typedAnswers with no question required. */
export function partialAnswers(engine, doc, answers, pending, options) {
  return typedAnswers(engine, withoutRequired(doc), answers, pending, options);
}
