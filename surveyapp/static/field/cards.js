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
