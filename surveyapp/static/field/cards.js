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
  // A finished interview the server refused on its first sending (state refused, no version on
  // the server) is discarded straight from its card, without reopening it with "Fix" first.
  if (!record || !['draft', 'refused'].includes(record.state)) return false;
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
 * finished once and reopened before it was sent; `refused` whether it was sent and the server
 * refused it (then it is a finished interview, not one reopened before it went).
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
    // Sent once and refused by the server on that first sending (kept as refused, or reopened).
    refused: record.state === 'refused' || Boolean(record.server && record.server.code),
  };
  result.empty = !result.answers && !result.people && !result.finished;
  return result;
}

/**
 * Refusal codes a new sending cannot overcome for an interview the server already holds: it was
 * approved meanwhile ('approved'), or its wave no longer takes tablet interviews
 * ('wave_not_accepting'). Others (invalid answers, another questionnaire version, a busy server,
 * a household reassigned) are fixed on the tablet or by a supervisor and sent again.
 */
export const FINAL_REFUSALS = new Set(['approved', 'wave_not_accepting']);

/**
 * Whether the interviewer may drop the correction of this interview and keep the server's
 * version: the server holds a version of it (sent before) and refused the correction for good
 * (FINAL_REFUSALS), shown as refused or reopened to fix. An approval undone since (the interview
 * sent back again) makes the correction sendable again: then not.
 */
export function keepsServerVersion(record) {
  if (!record || !['refused', 'draft'].includes(record.state)) return false;
  const server = record.server || {};
  if (!server.revision && !record.sent_revision) return false;
  if (!FINAL_REFUSALS.has(server.code)) return false;
  return !(server.code === 'approved' && server.review_status === 'rejected');
}

/** JSON with the keys of objects sorted: the server stores answers with its own key order. */
function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** How many answers (by question code, incident rounds as one) differ between two versions. */
export function changedAnswers(mine, theirs) {
  const a = mine || {};
  const b = theirs || {};
  let n = 0;
  for (const code of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const left = given(a[code]) ? canonical(a[code]) : null;
    const right = given(b[code]) ? canonical(b[code]) : null;
    if (left !== right) n += 1;
  }
  return n;
}

// ------------------------------------------------------------------ appointments

/** How far after the visit's day an appointment may be (the server's MAX_APPOINTMENT_DAYS in
 * surveyapp/services/attempts.py; a test holds the two equal). */
export const MAX_APPOINTMENT_DAYS = 60;

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const HOUR = /^([01]\d|2[0-3]):[0-5]\d$/;

/** `day` (YYYY-MM-DD) plus `n` days, YYYY-MM-DD: calendar days, whatever the device's zone. */
export function addDays(day, n) {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/**
 * What is wrong with an appointment typed on the visit form (the values of the native date and
 * time inputs: '' when empty or not a whole date), as an i18n key, or null when it is fine.
 * `today` is the device's local date, the visit's own day: the day may be today up to
 * MAX_APPOINTMENT_DAYS after it, as the server checks; the time may stay empty.
 */
export function appointmentProblem(day, hour, today) {
  if (!day) return 'appointment_missing';
  if (!DAY.test(day) || addDays(day, 0) !== day) return 'appointment_bad_date';
  if (day < today) return 'appointment_past';
  if (day > addDays(today, MAX_APPOINTMENT_DAYS)) return 'appointment_far';
  if (hour && !HOUR.test(hour)) return 'appointment_bad_time';
  return null;
}

/**
 * The appointment a household's last visit set, {date, time} (time null for a day only), or null:
 * a later visit of another outcome ends it. lastVisit: {outcome, date, time} (the visit's
 * appointment fields, as sent or as the server gave them back).
 */
export function appointmentOf(lastVisit) {
  if (!lastVisit || lastVisit.outcome !== 'appointment' || !lastVisit.date || !DAY.test(lastVisit.date)) return null;
  return { date: lastVisit.date, time: lastVisit.time && HOUR.test(lastVisit.time) ? lastVisit.time : null };
}

/** Whether an appointment is 'overdue' (its day is past), 'today' or 'later', against the
 * device's local date: the interviewer sees the day as it is where the household is. */
export function appointmentDue(appointment, today) {
  if (appointment.date < today) return 'overdue';
  return appointment.date === today ? 'today' : 'later';
}

/** How many of `appointments` (each {date, time} or null) are due today and how many were
 * missed (their day is past), against the device's local date `today`: {today, overdue}. */
export function dueCounts(appointments, today) {
  const counts = { today: 0, overdue: 0 };
  for (const appointment of appointments) {
    const due = appointment ? appointmentDue(appointment, today) : 'later';
    if (due !== 'later') counts[due] += 1;
  }
  return counts;
}

/**
 * The households of a list in the order to show them: those with an appointment due today or
 * overdue first, the earliest first (a day without a time before the times of that day), then
 * the others as they came. items: [{appointment, ...}] (appointment null for none); `today` the
 * device's local date. Returns a new array.
 */
export function dueFirst(items, today) {
  const due = (item) => Boolean(item.appointment) && appointmentDue(item.appointment, today) !== 'later';
  const key = (item) => `${item.appointment.date} ${item.appointment.time || ''}`;
  const first = items.filter(due).sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  return [...first, ...items.filter((item) => !due(item))];
}

/**
 * An appointment as its card says it in `language`: short weekday, day and month, then the time,
 * "mar, 15 dic, 15:00" (es), "Tue, Dec 15, 15:00" (en). The date is read as a calendar day, not
 * an instant: no time zone can move it to the day before.
 */
export function formatAppointment(appointment, language) {
  const [y, m, d] = appointment.date.split('-').map(Number);
  const day = new Date(Date.UTC(y, m - 1, d));
  let text;
  try {
    text = new Intl.DateTimeFormat(language, { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' }).format(day);
  } catch {
    text = appointment.date;
  }
  return appointment.time ? `${text}, ${appointment.time}` : text;
}
