// The device's storage: IndexedDB through the `idb` library, every write with strict durability
// (the transaction completes only once the data is on disk, not merely in the OS cache).
//
// Stores: meta (session, sync state, settings), instruments (by content hash), waves, units
// (the interviewer's assignments), interviews (by UUID: answers, paradata, the household roster
// and selection, the upload body once finished, and what the server said), attempts (visits to a
// unit, by UUID, with their upload body). Interviews are never deleted by the app, but for one
// case: a draft the server never received, which the interviewer discards after a confirmation
// naming what it holds (discardDraft). Anything the server has, or a finished interview waiting
// to be sent, stays until it is sent, whatever else happens; a correction the server refused for
// good gives way to the server's version when the interviewer says so (keepServerVersion).
// Visits are never deleted.
import { discardable, keepsServerVersion } from './cards.js';
import { openDB } from './vendor/idb.js';

const NAME = 'surveyapp-field';
const VERSION = 2;
const STRICT = { durability: 'strict' };

/** States of an interview on the device. */
export const STATES = Object.freeze({
  draft: 'draft', // being filled in (or reopened to fix)
  outbox: 'outbox', // finished, waiting to be sent
  sent: 'sent', // acknowledged by the server
  returned: 'returned', // sent back by a supervisor, with a comment
  approved: 'approved', // approved by a supervisor
  refused: 'refused', // the server refused it (conflict or invalid); see server.message
});

/** States whose interview the server does not hold as the device has it. */
export const UNSENT = new Set([STATES.draft, STATES.outbox, STATES.returned, STATES.refused]);

export class EditConflict extends Error {
  constructor(current) {
    super('The interview was changed in another tab or window.');
    this.name = 'EditConflict';
    this.current = current;
  }
}

let opening = null;

function db() {
  if (!opening) {
    opening = openDB(NAME, VERSION, {
      upgrade(database, oldVersion) {
        if (oldVersion < 1) {
          database.createObjectStore('meta');
          database.createObjectStore('instruments', { keyPath: 'hash' });
          database.createObjectStore('waves', { keyPath: 'id' });
          database.createObjectStore('units', { keyPath: 'id' });
          const interviews = database.createObjectStore('interviews', { keyPath: 'uuid' });
          interviews.createIndex('unit', 'sample_unit_id');
        }
        if (oldVersion < 2) {
          // Visits to a unit (contact attempts), kept like interviews: never deleted by the app.
          const attempts = database.createObjectStore('attempts', { keyPath: 'uuid' });
          attempts.createIndex('unit', 'sample_unit_id');
        }
        // Later versions add their steps here; existing interviews are never dropped.
      },
      blocking() {
        // A newer release of the app in another tab needs to upgrade the database: let it.
        if (opening) opening.then((d) => d.close());
        opening = null;
      },
    });
  }
  return opening;
}

export async function getMeta(key) {
  return (await db()).get('meta', key);
}

export async function setMeta(key, value) {
  const tx = (await db()).transaction('meta', 'readwrite', STRICT);
  await tx.store.put(value, key);
  await tx.done;
}

export async function getInstrument(hash) {
  const found = await (await db()).get('instruments', hash);
  return found ? found.document : null;
}

export async function putInstrument(hash, document) {
  const tx = (await db()).transaction('instruments', 'readwrite', STRICT);
  await tx.store.put({ hash, document, stored_at: new Date().toISOString() });
  await tx.done;
}

export async function hasInstrument(hash) {
  return (await (await db()).getKey('instruments', hash)) !== undefined;
}

export async function allWaves() {
  return (await db()).getAll('waves');
}

export async function allUnits() {
  return (await db()).getAll('units');
}

export async function getUnit(id) {
  return (await db()).get('units', id);
}

export async function getWave(id) {
  return (await db()).get('waves', id);
}

export async function allInterviews() {
  return (await db()).getAll('interviews');
}

/**
 * The interviews of the interviewer `userId`. A tablet is shared: what another interviewer left
 * on it (sent, or unsent after a login that expired) is never shown to, continued by nor sent
 * as someone else (sync.login refuses a login while another's work is unsent).
 */
export async function interviewsOf(userId) {
  return (await allInterviews()).filter((r) => r.interviewer_id === userId);
}

export async function getInterview(uuid) {
  return (await db()).get('interviews', uuid);
}

export async function interviewsOfUnit(unitId) {
  return (await db()).getAllFromIndex('interviews', 'unit', unitId);
}

/**
 * Write an interview if nobody else wrote it since we read it: `expectedEdit` is the `edit`
 * counter of the copy we hold (null for a new interview). Read, compare and write happen in one
 * transaction, so two tabs can never overwrite each other silently: the second one gets an
 * EditConflict holding the stored copy.
 */
export async function saveInterview(record, expectedEdit) {
  const tx = (await db()).transaction('interviews', 'readwrite', STRICT);
  const current = await tx.store.get(record.uuid);
  const currentEdit = current ? current.edit : null;
  if (currentEdit !== expectedEdit) {
    tx.abort();
    await tx.done.catch(() => {});
    throw new EditConflict(current || null);
  }
  const stored = { ...record, edit: (expectedEdit || 0) + 1, updated_at: new Date().toISOString() };
  await tx.store.put(stored);
  await tx.done;
  return stored;
}

/** Apply `change(record)` to the stored interview in one transaction (used by sync). */
export async function updateInterview(uuid, change) {
  const tx = (await db()).transaction('interviews', 'readwrite', STRICT);
  const current = await tx.store.get(uuid);
  if (!current) {
    await tx.done;
    return null;
  }
  const next = change({ ...current });
  if (!next) {
    await tx.done;
    return current;
  }
  next.edit = (current.edit || 0) + 1;
  next.updated_at = new Date().toISOString();
  await tx.store.put(next);
  await tx.done;
  return next;
}

/** Replace the assignments (waves and units) in one transaction; interviews are kept as they are. */
export async function replaceAssignments(waves, units) {
  const tx = (await db()).transaction(['waves', 'units'], 'readwrite', STRICT);
  const waveStore = tx.objectStore('waves');
  const unitStore = tx.objectStore('units');
  await waveStore.clear();
  await unitStore.clear();
  for (const wave of waves) await waveStore.put(wave);
  for (const unit of units) await unitStore.put(unit);
  await tx.done;
}

/**
 * Delete a draft the server never received (cards.discardable), if it is as the interviewer saw
 * it when confirming (`expectedEdit`, its edit counter): read, check and delete are one
 * transaction, so a draft changed meanwhile (another tab) or sent is never deleted. Returns
 * whether it was deleted. The household's visits are kept (and sent).
 */
export async function discardDraft(uuid, expectedEdit, note = null) {
  const tx = (await db()).transaction(['interviews', 'meta'], 'readwrite', STRICT);
  const current = await tx.objectStore('interviews').get(uuid);
  if (!current || !discardable(current) || current.edit !== expectedEdit) {
    tx.abort();
    await tx.done.catch(() => {});
    return false;
  }
  await tx.objectStore('interviews').delete(uuid);
  if (note) await logDiscard(tx, note);
  await tx.done;
  return true;
}

/** How many discards the tablet remembers (the oldest are forgotten first). */
export const DISCARD_LOG_SIZE = 100;

/**
 * The key (in `meta`) of the discard record of the user `userId`: each interviewer who logs in
 * on a shared tablet has their own, and sees only theirs. The record of releases before it was
 * kept per user (key `discarded`, everyone's together, nobody's in particular) is left as it
 * was and shown to nobody: giving it to whoever logs in next would show them the others'.
 */
export const discardKey = (userId) => `discarded:${userId}`;

/**
 * Remember, in the transaction `tx` (which includes `meta`) that removes something, what was
 * removed: `{unit, kind, answers?, people?}` (the household's name and counts, never the
 * answers themselves) with the time, in the record of the interviewer logged in (the session
 * read in the same transaction). Kept across logouts: it is that interviewer's record on this
 * tablet.
 */
async function logDiscard(tx, note) {
  const meta = tx.objectStore('meta');
  const session = await meta.get('session');
  const key = discardKey(session && session.user ? session.user.id : null);
  const log = (await meta.get(key)) || [];
  log.push({ ...note, at: new Date().toISOString() });
  await meta.put(log.slice(-DISCARD_LOG_SIZE), key);
}

/** What the user `userId` discarded or dropped on this tablet, oldest first (logDiscard). */
export async function discardLog(userId) {
  return (await getMeta(discardKey(userId))) || [];
}

/**
 * The household list of the server's version of an interview (`server.household`: the roster,
 * selection and draws that version carried, as the device sent them) in the shape the tablet
 * keeps it, or null when that version carried none.
 */
export function serverHousehold(server) {
  const h = server && server.household;
  if (!h || typeof h !== 'object' || !Array.isArray(h.roster) || !Array.isArray(h.draws)) return null;
  const { method, seed, roster, draws } = structuredClone(h);
  const household = { method, seed, roster, draws };
  if (draws.length) {
    household.eligible_adults = h.eligible_adults;
    household.selected_line = h.selected_line;
  }
  return household;
}

/**
 * Drop the correction of an interview the server refused for good (cards.keepsServerVersion) and
 * hold the server's version instead (`server`: GET /api/field/interviews/<uuid>), if the record
 * is as the interviewer saw it when confirming (`expectedEdit`). One transaction; the server is
 * not told anything. The tablet's household list goes with the correction: the tablet holds the
 * server's list instead (serverHousehold), which a later correction (the interview sent back
 * again) sends again. Returns whether it was done.
 */
export async function keepServerVersion(uuid, expectedEdit, server, note = null) {
  const tx = (await db()).transaction(['interviews', 'meta'], 'readwrite', STRICT);
  const interviews = tx.objectStore('interviews');
  const current = await interviews.get(uuid);
  if (!current || !keepsServerVersion(current) || current.edit !== expectedEdit || !server || server.uuid !== uuid) {
    tx.abort();
    await tx.done.catch(() => {});
    return false;
  }
  if (note) await logDiscard(tx, note);
  await interviews.put({
    ...current,
    state: server.review_status === 'approved' ? STATES.approved : STATES.sent,
    answers: server.answers || {},
    paradata: server.paradata || {},
    language: server.language || current.language,
    status: server.status,
    household: serverHousehold(server),
    roster_draft: null,
    page: null,
    pending: null,
    outbox: null,
    // The dropped correction's number is not used again: a later correction goes above it.
    client_revision: current.client_revision,
    sent_revision: current.sent_revision || server.revision,
    server: { ...server, code: null, reason: null, params: null, message: null, problems: [] },
    edit: (current.edit || 0) + 1,
    updated_at: new Date().toISOString(),
  });
  await tx.done;
  return true;
}

export async function allAttempts() {
  return (await db()).getAll('attempts');
}

/** The visits the interviewer `userId` recorded (interviewsOf). */
export async function attemptsOf(userId) {
  return (await allAttempts()).filter((a) => a.interviewer_id === userId);
}

/** Store a new visit (its upload body is final: a visit is never edited, only added). */
export async function addAttempt(attempt) {
  const tx = (await db()).transaction('attempts', 'readwrite', STRICT);
  await tx.store.add(attempt);
  await tx.done;
}

export async function updateAttempt(uuid, change) {
  const tx = (await db()).transaction('attempts', 'readwrite', STRICT);
  const current = await tx.store.get(uuid);
  if (current) await tx.store.put(change({ ...current }));
  await tx.done;
}

/** Delete a visit the server refused (the interviewer confirmed, having read why): nothing else. */
export async function discardRefusedVisit(uuid, note = null) {
  const tx = (await db()).transaction(['attempts', 'meta'], 'readwrite', STRICT);
  const attempts = tx.objectStore('attempts');
  const current = await attempts.get(uuid);
  const refused = Boolean(current) && current.state === STATES.refused;
  if (refused) await attempts.delete(uuid);
  if (refused && note) await logDiscard(tx, note);
  await tx.done;
  return refused;
}

/**
 * Count interviews and visits the server does not have as they are on this device: the
 * interviewer `userId`'s (what blocks their logout), or everyone's. Another's, left by a login
 * that ended, is never sent as this interviewer, so it cannot block their logout; the next login
 * can only be its owner's (sync.login).
 */
export async function unsentCount(userId = undefined) {
  const interviews = (userId === undefined ? await allInterviews() : await interviewsOf(userId)).filter((r) => UNSENT.has(r.state)).length;
  const visits = (userId === undefined ? await allAttempts() : await attemptsOf(userId)).filter((a) => a.state !== STATES.sent).length;
  return interviews + visits;
}

/** Forget the session and the assignments (only when nothing is unsent; the caller checks). */
export async function clearSession() {
  const tx = (await db()).transaction(['meta', 'waves', 'units'], 'readwrite', STRICT);
  await tx.objectStore('meta').delete('session');
  await tx.objectStore('meta').delete('storage_notice_seen');
  // The assignments go, so does the tag of their last download: kept, the next login's download
  // was "not modified" (304) and the list stayed empty until the assignments changed.
  await tx.objectStore('meta').delete('assignments_etag');
  await tx.objectStore('waves').clear();
  await tx.objectStore('units').clear();
  await tx.done;
}
