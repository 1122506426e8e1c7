// What a household's card on the interviewer's list says about it (pure: node tests in
// tests/js/field_cards.test.mjs).

/** Visit outcomes that close a household for now: its card says so, not "Not started" or
 * "Draft" (a refusal may still be converted later, a listing corrected by another visit). */
export const CLOSING_OUTCOMES = Object.freeze(['refusal', 'not_eligible']);

const time = (iso) => {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : ms;
};

/**
 * The card's state: the latest interview's (`none` without one), or the last visit's outcome
 * when that visit closed the household and nothing was done to its draft since (the household
 * list found no adult and a "Not eligible" visit was recorded; a household that refused before
 * anything was started). A draft worked on after the visit (a refusal converted) is a draft.
 * record: {state, created_at, updated_at} or null; lastVisit: {outcome, at} or null (`at` an
 * ISO time, with its offset).
 */
export function cardState(record, lastVisit) {
  const state = record ? record.state : 'none';
  if (!lastVisit || !CLOSING_OUTCOMES.includes(lastVisit.outcome)) return state;
  if (state === 'none') return lastVisit.outcome;
  if (state !== 'draft') return state;
  const visited = time(lastVisit.at);
  const worked = time(record.updated_at || record.created_at);
  return visited !== null && (worked === null || visited >= worked) ? lastVisit.outcome : state;
}

/**
 * Whether the interviewer may discard this interview from the device: a draft of which the
 * server never received any version (not sent, not sent back, not adopted from the server). A
 * draft left on a household that was then found not eligible or refused would otherwise stay
 * unsent for ever and block logout. An interview the server holds is never discarded here.
 */
export function discardable(record) {
  if (!record || record.state !== 'draft') return false;
  const server = record.server || {};
  return !record.sent_revision && !server.revision && !server.review_status;
}

const given = (value) => value !== null && value !== undefined && value !== ''
  && !(Array.isArray(value) && value.length === 0);

function countAnswers(answers) {
  let n = 0;
  for (const value of Object.values(answers || {})) {
    if (Array.isArray(value) && value.length && value.every((v) => v && typeof v === 'object')) {
      n += value.reduce((sum, round) => sum + countAnswers(round), 0); // incident rounds
    } else if (given(value)) {
      n += 1;
    }
  }
  return n;
}

/**
 * What discarding a draft loses, for its confirmation: {answers, people, selected, finished,
 * empty}. `answers` counts the answers given (incident rounds included) and the values typed on
 * pages not yet passed with Next (those not given already); `people` the household list (drawn,
 * or typed and not drawn yet); `selected` whether an adult was drawn; `finished` whether it was
 * finished once and reopened before it was sent.
 */
export function draftContents(record) {
  const answers = record.answers || {};
  let typed = 0;
  for (const raw of Object.values(record.pending || {})) {
    for (const [code, value] of Object.entries(raw || {})) {
      if (given(value) && !given(answers[code])) typed += 1;
    }
  }
  const household = record.household || null;
  const roster = household && household.roster && household.roster.length ? household.roster : (record.roster_draft || []);
  const result = {
    answers: countAnswers(answers) + typed,
    people: roster.length,
    selected: Boolean(household && household.draws && household.draws.length),
    finished: Boolean(record.status),
  };
  result.empty = !result.answers && !result.people && !result.finished;
  return result;
}
