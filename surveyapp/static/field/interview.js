// An interview on the device: its lock, its pages (the shared engine, window.SurveyEngine), the
// household step, and finishing it for sending.
import { problemText, t } from './i18n.js';
import { PageClock, emptyParadata, forUpload } from './paradata.js';
import { partialAnswers, typedAnswers } from './partial.js';
import { applyRelevance, codeOf, readRaw, renderPage, showErrors, tentativeValues } from './render.js';
import * as store from './store.js';
import { go, persist, requestSync, screen, toast, ui } from './frame.js';
import { householdScreen, rosterChanged, rosterRefused } from './household.js';
import { rosterAnswers } from './selection.js';
import { debounce, el, localDate, localIso, summaryLine } from './util.js';

const { STATES } = store;
const BUILD = document.querySelector('meta[name="field-build"]').content;
// Screens of an interview besides its pages; '~' is never in a page id (section names are
// identifiers), so no questionnaire can hide them.
const FINISH = '~finish';
export const HOUSEHOLD = '~household';
// Statuses of an interview finished once (sent complete, or as partial: a break-off).
const FINISHED = ['completed', 'abandoned'];

/** Names of the interview states on badges. */
export const BADGES = {
  none: 'not_started', draft: 'state_draft', outbox: 'state_outbox', sent: 'state_sent',
  returned: 'state_returned', approved: 'state_approved', refused: 'state_refused',
  // A household's card after a visit that closed it (cards.js cardState).
  refusal: 'state_refusal', not_eligible: 'state_not_eligible',
};


/**
 * Hold the interview's Web Lock while it is open in this tab (across its pages): a second tab
 * asking for it gets nothing and says the interview is open elsewhere.
 */
export async function acquire(uuid) {
  if (ui.lock && ui.lock.uuid === uuid) return true;
  releaseLock();
  if (!navigator.locks || !navigator.locks.request) return true;
  return new Promise((resolve) => {
    navigator.locks.request(`interview:${uuid}`, { ifAvailable: true }, (lock) => {
      if (!lock) { resolve(false); return null; }
      return new Promise((release) => { ui.lock = { uuid, release }; resolve(true); });
    });
  });
}

export function releaseLock() {
  if (ui.lock) ui.lock.release();
  ui.lock = null;
}

export async function interviewScreen(session, uuid, pageId) {
  const found = await store.getInterview(uuid);
  // Another interviewer's interview left on a shared tablet is not opened (its address included).
  const record = found && found.interviewer_id === session.user.id ? found : null;
  if (!record) { releaseLock(); toast(t('not_found')); return go('#/'); }
  if (!(await acquire(uuid))) {
    return screen(t('open_elsewhere_title'), el('p', { class: 'notice notice--error', id: 'open-elsewhere', text: t('open_elsewhere') }),
      el('button', { type: 'button', class: 'button', text: t('back_to_list'), on: { click: () => go('#/') } }));
  }
  return openInterview(session, record, pageId);
}

async function openInterview(session, record, pageId) {
  const wave = (await store.getWave(record.wave_id)) || null;
  const doc = await store.getInstrument(record.instrument_hash);
  if (!doc) { releaseLock(); toast(t('instrument_missing')); return go('#/'); }
  const options = {
    language: record.language,
    today: localDate(),
    referencePeriod: wave ? [wave.reference_start, wave.reference_end] : null,
  };
  const iv = window.SurveyEngine.createInterview(doc, record.answers, options);
  const ctx = { session, record, doc, iv, options, wave, readOnly: ![STATES.draft].includes(record.state) };
  if (pageId === FINISH) return finishScreen(ctx);
  // The household list first while no adult is selected, or while the list was changed after
  // the selection without selecting again (the screen says so; the questionnaire would start
  // from the list as it was), or while its initials hold what the server refuses.
  if (record.household && (pageId === HOUSEHOLD || (!ctx.readOnly && (!record.household.draws.length || rosterChanged(record) || rosterRefused(record))))) {
    return householdScreen(ctx);
  }
  const ids = iv.pageIds();
  const target = pageId && ids.includes(pageId) ? pageId : pageOfReview(iv, record) || pageOfProblem(iv, record) || (record.page && ids.includes(record.page) ? record.page : ids[0]);
  return pageScreen(ctx, target);
}

/** A sent-back interview opens on the page of the question the supervisor commented on. */
function pageOfReview(iv, record) {
  const server = record.server || {};
  if (record.state !== STATES.draft || server.review_status !== 'rejected' || !server.review_item) return null;
  const code = server.review_item;
  return iv.pageIds().find((id) => iv.page(id).items.some((i) => i.code === code || (i.rows || []).some((r) => r.code === code))) || null;
}

/** An interview the server refused opens on the page of its first problem. */
function pageOfProblem(iv, record) {
  const problems = (record.server || {}).problems || [];
  if (record.state !== STATES.draft || !problems.length) return null;
  return iv.pageIds().find((id) => problems.some((p) => problemLabel(iv.page(id), p.path) !== null)) || null;
}

/** The label of the question on `page` that a server problem's `path` (`code`, or
 * `repeat[n].code` for the n-th round) is about, or null when it is about none of them. */
function problemLabel(page, path) {
  const round = /^[^.[\]]+\[(\d+)\]\.(.+)$/.exec(path);
  if (round && page.instance !== Number(round[1])) return null;
  const code = round ? round[2] : path;
  for (const item of page.items) {
    if (item.code === code) return item.label || code;
    const row = (item.rows || []).find((r) => r.code === code);
    if (row) return row.label || item.label || code;
  }
  return null;
}

function repeatOf(doc, sectionName) {
  const section = (doc.sections || []).find((s) => s.name === sectionName);
  if (section && section.items.length === 1 && section.items[0].type === 'repeat') return section.items[0];
  return null;
}

/** The page as it would be with `raw` typed in: the engine decides what is asked. */
function preview(ctx, page, raw) {
  const answers = structuredClone(ctx.iv.answers);
  let target = answers;
  const repeat = repeatOf(ctx.doc, page.section);
  if (repeat && page.instance) {
    const list = Array.isArray(answers[repeat.code]) ? answers[repeat.code] : (answers[repeat.code] = []);
    while (list.length < page.instance) list.push({});
    target = list[page.instance - 1];
  }
  for (const item of page.items) {
    delete target[item.code];
    for (const row of item.rows || []) delete target[row.code];
  }
  Object.assign(target, tentativeValues(page, raw));
  try {
    return window.SurveyEngine.createInterview(ctx.doc, answers, ctx.options).page(page.id);
  } catch {
    return null;
  }
}

/**
 * Answers of this page the household list already gives (household size, adults, the selected
 * person's sex and age), for its questions not answered yet: typed in for the interviewer to
 * confirm, so that the two agree.
 */
function fromRoster(page, household) {
  const known = household ? rosterAnswers(household.roster, household.selected_line) : {};
  const raw = {};
  for (const item of page.items) {
    if (item.code in known && (item.value === null || item.value === undefined)) raw[item.code] = known[item.code];
  }
  return raw;
}

function pathFor(page, repeat) {
  return (code) => (repeat && page.instance ? `${repeat.code}[${page.instance}].${code}` : code);
}

function pageScreen(ctx, pageId) {
  const { iv, record, doc } = ctx;
  const page = iv.page(pageId);
  const ids = iv.pageIds();
  const repeat = repeatOf(doc, page.section);
  const stored = (record.pending || {})[pageId];
  const prefilled = stored ? {} : fromRoster(page, record.household);
  const pending = stored || prefilled;
  const form = renderPage(page, pending, t);
  form.dataset.page = pageId;
  const clock = new PageClock(record.paradata || emptyParadata(BUILD), pageId, pathFor(page, repeat));
  applyRelevance(form, page);
  if (ctx.readOnly) form.querySelectorAll('input, textarea, select').forEach((node) => { node.disabled = true; });

  const savePending = debounce(async () => {
    if (ctx.readOnly || ctx.conflict) return;
    const raw = readRaw(form);
    await persist(ctx, (r) => ({ pending: { ...(r.pending || {}), [pageId]: raw }, page: pageId, paradata: clock.paradata }));
  }, 250);
  const updateRelevance = debounce(() => {
    const shown = preview(ctx, page, readRaw(form));
    if (shown) applyRelevance(form, shown);
  }, 120);
  const onAnswer = (event) => {
    const code = codeOf(event.target);
    if (!code) return;
    const raw = readRaw(form);
    clock.touch(code, raw[code] === undefined ? null : raw[code]);
    updateRelevance();
    if (event.type === 'change') savePending.flush(); // an answer given: written now
    else savePending();
  };
  form.addEventListener('input', onAnswer);
  form.addEventListener('change', onAnswer);

  const summary = el('div', { class: 'notice notice--error', role: 'alert', tabindex: '-1', hidden: true });
  const index = ids.indexOf(pageId);
  const next = el('button', { type: 'submit', class: 'button', id: 'next', text: index === ids.length - 1 ? t('review_finish') : t('next') });
  const back = el('button', { type: 'button', class: 'button button--secondary', id: 'back', text: t('back'), disabled: index <= 0 });
  const close = el('button', { type: 'button', class: 'link', id: 'close', text: t('save_close') });
  // A respondent may stop on any page, its required questions unanswered: the way to send the
  // interview as partial (on the finish screen) must not need every page answered first.
  // What is typed on this page is sent with it; a value that fails its type or rule is shown
  // here, as Next shows it, for the interviewer to fix or clear (partial.js).
  const breakOff = ctx.readOnly ? null : el('button', { type: 'button', class: 'link', id: 'to-break-off', text: t('break_off'),
    on: { click: () => {
      const { problems } = partialAnswers(window.SurveyEngine, doc, iv.answers, { [pageId]: readRaw(form) }, ctx.options);
      if (problems.length) return showSummary(t('break_off_fix'), problems);
      ui.openBreakOff = true;
      return moveTo(FINISH);
    } } });
  const showSummary = (title, errors) => {
    summary.replaceChildren(el('p', { class: 'notice__title', text: title }),
      el('ul', {}, errors.map((e) => el('li', {}, el('a', { href: `#q-${e.code}`, text: summaryLine(page.items, e), on: { click: (ev) => { ev.preventDefault(); const q = form.querySelector(`[data-code="${CSS.escape(e.code)}"]`); if (q) { q.scrollIntoView(); const input = q.querySelector('input, textarea'); if (input) input.focus(); } } } })))));
    summary.hidden = false;
    showErrors(form, errors);
    summary.focus();
  };

  const leave = async (outcome) => {
    if (ctx.left) return;
    ctx.left = true;
    ui.leave = null;
    if (!ctx.readOnly && !ctx.conflict) {
      clock.leave(outcome);
      savePending.flush();
      const raw = readRaw(form);
      await persist(ctx, (r) => ({ pending: { ...(r.pending || {}), [pageId]: raw }, page: pageId, paradata: clock.paradata }));
    }
  };
  ui.leave = leave;
  const moveTo = async (target) => {
    await leave('navigate');
    go(`#/i/${record.uuid}/${encodeURIComponent(target)}`);
  };

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (ctx.readOnly) return moveTo(iv.nextPageId(pageId) || FINISH);
    const raw = readRaw(form);
    const errors = iv.applyPage(pageId, raw);
    if (errors.length) {
      showSummary(t('fix_errors'), errors);
      return;
    }
    clock.leave('next');
    const target = iv.nextPageId(pageId) || FINISH;
    ctx.left = true;
    ui.leave = null;
    const ok = await persist(ctx, (r) => {
      const remaining = { ...(r.pending || {}) };
      delete remaining[pageId];
      return { answers: iv.answers, pending: remaining, page: target === FINISH ? pageId : target, paradata: clock.paradata };
    });
    if (ok) go(`#/i/${record.uuid}/${encodeURIComponent(target)}`);
  });
  back.addEventListener('click', () => moveTo(iv.previousPageId(pageId) || pageId));
  close.addEventListener('click', async () => { await leave('close'); go('#/'); });

  // Where this page is among those asked: counting the pages answered said "25 of 25 pages" on
  // page 3 of an interview sent back for correction, and the same figure on two pages.
  const position = t('page_of', { n: index + 1, total: ids.length });
  // An interview finished before (sent back by a supervisor, refused by the server, reopened)
  // goes straight to the finish screen, which applies what is typed on every page by every
  // rule (partial.typedAnswers), instead of through every page with Next. A break-off too: its
  // later pages were never answered, and the finish screen offers "Send as partial" again.
  const toFinish = !ctx.readOnly && FINISHED.includes(record.status) && index < ids.length - 1
    ? el('button', { type: 'button', class: 'button button--secondary', id: 'to-finish', text: t('to_review_finish'), on: { click: () => moveTo(FINISH) } })
    : null;
  const review = reviewNotice(record, page);
  form.append(el('div', { class: 'actions' }, next, back, toFinish));
  screen(page.title,
    el('p', { class: 'crumb', text: `${record.unit ? record.unit.external_id : ''} · ${position}` }),
    el('progress', { class: 'progress', max: ids.length, value: index + 1, 'aria-label': position }),
    review, Object.keys(prefilled).length ? el('p', { class: 'notice', id: 'from-roster', text: t('from_roster') }) : null,
    summary, form, close, breakOff);
}

/** The supervisor's comment (or the server's refusal) on the page it concerns, or on every page. */
function reviewNotice(record, page) {
  const server = record.server || {};
  if (record.state === STATES.draft && server.review_status === 'rejected' && server.review_comment) {
    const concerns = !server.review_item || page.items.some((i) => i.code === server.review_item || (i.rows || []).some((r) => r.code === server.review_item));
    if (concerns) return el('p', { class: 'notice notice--error', id: 'review-comment', text: t('labelled', { label: t('supervisor_says'), text: server.review_comment }) });
  }
  if (record.state === STATES.draft && server.problems && server.problems.length) {
    const mine = server.problems.filter((p) => problemLabel(page, p.path) !== null);
    if (mine.length) return el('ul', { class: 'notice notice--error', id: 'server-problems' }, mine.map((p) => el('li', { text: t('labelled', { label: problemLabel(page, p.path), text: problemText(p) }) })));
  }
  return null;
}

function finishScreen(ctx) {
  const { iv, record } = ctx;
  const needsHousehold = Boolean(record.household && !record.household.draws.length);
  // What is sent is what the interviewer sees: the pages passed with Next and what was typed on
  // pages left otherwise (an answer changed after going Back), by Next's rules (partial.js). A
  // typed answer Next would refuse is named at its page; pages it opens are listed as missing.
  const pending = record.pending || {};
  const seen = ctx.readOnly ? null : typedAnswers(window.SurveyEngine, ctx.doc, iv.answers, pending, ctx.options);
  const shown = seen ? seen.interview : iv;
  const problems = seen ? seen.problems : [];
  const complete = !problems.length && shown.isComplete() && !needsHousehold;
  const [done, total] = shown.progress();
  // A value that fails its type or rule is named; a required question left empty on a typed
  // page (the page a respondent stopped on, or an answer cleared) makes its page incomplete.
  const invalid = problems.filter((p) => !p.missing);
  const incomplete = shown.pageIds().filter((id) => !invalid.some((p) => p.page === id)
    && (!pageDone(shown, id) || problems.some((p) => p.page === id)));
  // A break-off sends the pages passed with Next and what was typed on the others.
  const partial = ctx.readOnly ? null : partialAnswers(window.SurveyEngine, ctx.doc, iv.answers, pending, ctx.options);
  const problemLinks = (id, list) => el('ul', { class: 'links', id }, list.map((p) => el('li', {},
    el('a', { href: `#/i/${record.uuid}/${encodeURIComponent(p.page)}`, text: t('labelled', { label: p.title, text: summaryLine(p.items, p) }) }))));
  ui.leave = null;
  const finish = async (status) => {
    const answers = status === 'abandoned' ? partial.answers : seen.answers;
    const paradata = { ...(record.paradata || emptyParadata(BUILD)), ended_at: localIso() };
    const clientRevision = (record.client_revision || 0) + 1;
    const savedAt = localIso();
    const outbox = {
      wave_id: record.wave_id,
      sample_unit_id: record.sample_unit_id,
      instrument_hash: record.instrument_hash,
      language: record.language,
      status,
      answers,
      paradata: forUpload(paradata),
      client_revision: clientRevision,
      saved_at: savedAt,
    };
    if (record.household && record.household.draws.length) {
      const { method, seed, roster, eligible_adults: eligibleAdults, selected_line: selectedLine, draws } = record.household;
      outbox.household = { method, seed, roster, eligible_adults: eligibleAdults, selected_line: selectedLine, draws };
    }
    const ok = await persist(ctx, { state: STATES.outbox, status, outbox, answers, client_revision: clientRevision, paradata, pending: {} });
    if (ok) {
      toast(t('saved_for_sending'));
      go('#/');
      requestSync();
    }
  };
  const children = [
    el('p', { class: 'lead', text: t('progress', { done, total }) }),
  ];
  // The wave's support contacts in the interview's language, to read out or hand over before
  // leaving (waves.support_notes; plain text, its line breaks kept by app.css).
  const note = !ctx.readOnly && ctx.wave && ctx.wave.support_notes ? ctx.wave.support_notes[record.language] : null;
  if (typeof note === 'string' && note) {
    children.push(el('section', { class: 'support-note', id: 'support-note', 'aria-labelledby': 'support-title' },
      el('h2', { class: 'support-note__title', id: 'support-title', text: t('support_title') }),
      el('p', { class: 'q__hint', text: t('support_read_out') }),
      el('p', { class: 'support-note__text', lang: record.language, text: note })));
  }
  if (ctx.readOnly) {
    children.push(el('p', { class: 'notice', text: t(BADGES[record.state]) }));
  } else if (complete) {
    children.push(el('p', { class: 'notice notice--ok', text: t('complete_ready') }),
      el('button', { type: 'button', class: 'button', id: 'finish', text: t('finish_send'), on: { click: () => finish('completed') } }));
  } else if (needsHousehold) {
    children.push(el('p', { class: 'notice', text: t('household_missing') }));
  } else {
    if (invalid.length) children.push(el('p', { class: 'notice notice--error', text: t('finish_fix') }), problemLinks('finish-problems', invalid));
    if (incomplete.length) {
      children.push(el('p', { class: 'notice', text: t('incomplete') }),
        el('ul', { class: 'links', id: 'incomplete-pages' }, incomplete.map((id) => el('li', {}, el('a', { href: `#/i/${record.uuid}/${encodeURIComponent(id)}`, text: shown.page(id).title })))));
    }
  }
  // A break-off sent back (or reopened) is sent as partial again unless the respondent went on:
  // said first, with "Send as partial" unfolded below.
  const wasPartial = !ctx.readOnly && !complete && record.status === 'abandoned';
  if (!ctx.readOnly) {
    // A typed value that cannot be sent (a page left with Back or the list, not with Next) is
    // named with a link to its page; the button waits until it is fixed or cleared there.
    const fix = partial.problems.length
      ? [el('p', { class: 'notice notice--error', text: t('break_off_fix') }), problemLinks('break-off-problems', partial.problems)]
      : [el('button', { type: 'button', class: 'button button--warning', id: 'break-off', text: t('break_off_confirm'), on: { click: () => finish('abandoned') } })];
    const breakOff = el('details', { class: 'breakoff', open: ui.openBreakOff === true || wasPartial },
      el('summary', { text: t('break_off') }),
      el('p', { class: 'q__hint', text: t('break_off_hint') }), ...fix);
    // Sent as partial before: what to do and "Send as partial" come first, above the list of
    // pages never answered (twenty links on a phone).
    if (wasPartial) children.splice(1, 0, el('p', { class: 'notice', id: 'was-partial', text: t('was_partial') }), breakOff);
    else children.push(breakOff);
  }
  if (record.household) {
    children.push(el('p', {}, el('a', { href: `#/i/${record.uuid}/${HOUSEHOLD}`, text: t('household_title') })));
  }
  children.push(el('button', { type: 'button', class: 'link', text: t('back_to_list'), on: { click: () => go('#/') } }));
  ui.openBreakOff = false;
  screen(t('review_finish'), ...children);
}

function pageDone(iv, id) {
  const page = iv.page(id);
  for (const item of page.items) {
    if (item.relevant === false) continue;
    if (item.type === 'grid') {
      if (item.required && (item.rows || []).some((r) => r.relevant !== false && (r.value === null || r.value === undefined))) return false;
    } else if (item.required && (item.value === null || item.value === undefined)) {
      return false;
    }
  }
  return true;
}
