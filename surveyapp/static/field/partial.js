// An interview sent as partial (a break-off): the answers of the pages passed with Next, and
// what was typed on pages not passed yet (the page the respondent stopped on). A partial
// interview may leave required questions empty, but a typed value that fails its type or its
// rule is never sent nor silently dropped: it is a problem the interviewer fixes or clears first.

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
 * The answers to send as partial: `answers` with each page's typed answers (`pending`,
 * {pageId: raw form}) applied in page order by `engine` (window.SurveyEngine), so that skips
 * and repeat counts settle as Next would settle them. A page no longer asked is left out.
 * Returns {answers, problems: [{page, title, items, code, message}]} (`title` and `items` of
 * the problem's page); a page with a problem adds nothing.
 */
export function partialAnswers(engine, doc, answers, pending, options) {
  const iv = engine.createInterview(withoutRequired(doc), answers, options);
  const problems = [];
  const done = new Set();
  for (;;) {
    // Asked again each time: an applied page can add or remove pages (an incident's rounds).
    const id = iv.pageIds().find((p) => Object.hasOwn(pending || {}, p) && !done.has(p));
    if (id === undefined) break;
    done.add(id);
    const { title, items } = iv.page(id);
    for (const error of iv.applyPage(id, pending[id])) problems.push({ page: id, title, items, code: error.code, message: error.message });
  }
  return { answers: iv.answers, problems };
}
