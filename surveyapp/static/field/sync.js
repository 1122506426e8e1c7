// Sync with the server: log in, download assignments and instruments, send finished interviews.
//
// One sync at a time per device: a Web Lock (navigator.locks) is held while a sync runs, so two
// tabs, or a queue longer than a timer's interval, never send the same interview twice at once;
// and the server is idempotent anyway (the same body again is a no-op). The body of a finished
// interview is built once, when the interviewer finishes it, and stored: every retry sends exactly
// the same content, so a retry whose acknowledgement was lost cannot make a second record.
import { ApiError, call } from './api.js';
import * as store from './store.js';
import { deviceId } from './util.js';

const { STATES } = store;

export class SessionExpired extends Error {
  constructor(message) {
    super(message || 'Your login has expired or was revoked.');
    this.name = 'SessionExpired';
  }
}

export async function session() {
  const s = await store.getMeta('session');
  return s && s.token ? s : null;
}

/** Log in online; refuses to mix another interviewer's unsent interviews into a new session. */
export async function login(email, password, device, code = null) {
  const request = { email, password, device, device_id: deviceId() };
  if (code) request.code = code;
  const { body } = await call('POST', '/api/field/login', { body: request });
  const unsent = (await store.allInterviews()).filter((r) => store.UNSENT.has(r.state));
  const others = unsent.filter((r) => r.interviewer_id !== body.user.id);
  // Visits too: another's visit not sent would otherwise go with this login's token.
  const otherVisits = (await store.allAttempts()).filter((a) => a.state !== STATES.sent && a.interviewer_id !== body.user.id);
  if (others.length || otherVisits.length) {
    // Give the token back: this device holds someone else's unsent work.
    await call('POST', '/api/field/logout', { token: body.token }).catch(() => {});
    const n = others.length + otherVisits.length;
    throw new ApiError(409, {
      code: 'other_user_unsent',
      message: `${n} unsent interview(s) or visit(s) of another interviewer are on this device.`,
      params: { n: String(n) },
    });
  }
  const s = { token: body.token, user: body.user, device, expires_at: body.expires_at };
  // A login downloads the assignments in full: those on the tablet may be another
  // interviewer's (a login that expired) or gone (a logout), whatever the last download's tag.
  await store.setMeta('assignments_etag', null);
  await store.setMeta('session', s);
  return s;
}

/** Revoke the token and forget the session: only with nothing unsent (the app checks first). */
export async function logout(s) {
  if ((await store.unsentCount(s.user.id)) > 0) throw new Error('unsent');
  await call('POST', '/api/field/logout', { token: s.token });
  await store.clearSession();
}

async function authorised(s, method, path, options = {}) {
  try {
    return await call(method, path, { ...options, token: s.token });
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) {
      await store.setMeta('session', { ...s, expired: true });
      throw new SessionExpired(err.message);
    }
    throw err;
  }
}

/** Download the assignments, every instrument they need, and the review state of interviews. */
export async function downloadAssignments(s) {
  const previous = (await store.getMeta('assignments_etag')) || null;
  const result = await authorised(s, 'GET', '/api/field/assignments', { etag: previous });
  if (result.status === 304) {
    await missingInstruments(s, await store.allWaves());
    return { changed: false };
  }
  const data = result.body;
  await missingInstruments(s, data.waves);
  await store.replaceAssignments(data.waves, data.units);
  await mergeReviews(s, data.interviews || []);
  await store.setMeta('assignments_etag', result.etag || null);
  await store.setMeta('assignments_at', data.server_time || new Date().toISOString());
  return { changed: true };
}

async function missingInstruments(s, waves) {
  for (const wave of waves) {
    const { hash, url } = wave.instrument;
    if (await store.hasInstrument(hash)) continue;
    const { body } = await authorised(s, 'GET', url);
    await store.putInstrument(hash, body);
  }
}

/** What supervisors decided about interviews sent from this device (or sent back to it). */
async function mergeReviews(s, serverInterviews) {
  for (const remote of serverInterviews) {
    const local = await store.getInterview(remote.uuid);
    if (!local) {
      if (remote.review_status === 'rejected') await adoptReturned(s, remote.uuid);
      continue;
    }
    await store.updateInterview(remote.uuid, (record) => {
      // Review decisions concern the revision the server holds; if this device has a newer one
      // waiting, the decision is shown but the state stays as the device has it.
      const sameRevision = record.server && record.server.revision === remote.revision;
      record.server = { ...(record.server || {}), ...remote };
      if (!sameRevision) return record;
      if (remote.review_status === 'rejected' && [STATES.sent, STATES.approved].includes(record.state)) {
        record.state = STATES.returned;
      } else if (remote.review_status === 'approved' && [STATES.sent, STATES.returned].includes(record.state)) {
        record.state = STATES.approved;
      }
      return record;
    });
  }
}

/** An interview sent back to this interviewer that this device does not hold (a new tablet). */
async function adoptReturned(s, uuid) {
  const { body } = await authorised(s, 'GET', `/api/field/interviews/${uuid}`);
  const unit = await store.getUnit(body.sample_unit_id);
  const record = {
    uuid,
    wave_id: body.wave_id,
    sample_unit_id: body.sample_unit_id,
    unit: unit || null,
    interviewer_id: s.user.id,
    instrument_hash: body.instrument_hash,
    language: body.language,
    state: STATES.returned,
    answers: body.answers || {},
    paradata: body.paradata || {},
    // The household list the server holds: sent again with the correction, not lost.
    household: store.serverHousehold(body),
    page: null,
    pending: null,
    client_revision: body.client_revision || body.revision || 1,
    status: body.status,
    server: body,
    created_at: new Date().toISOString(),
  };
  await store.saveInterview(record, null).catch((err) => {
    if (!(err instanceof store.EditConflict)) throw err;
  });
}

/** Send every finished interview; stops at the first network or server failure (to retry later). */
async function sendOutbox(s, onProgress = () => {}) {
  const queue = (await store.interviewsOf(s.user.id))
    .filter((r) => r.state === STATES.outbox && r.outbox)
    .sort((a, b) => (a.updated_at < b.updated_at ? -1 : 1));
  let sent = 0;
  for (const record of queue) {
    const body = record.outbox;
    let result;
    try {
      result = await authorised(s, 'PUT', `/api/field/interviews/${record.uuid}`, { body });
    } catch (err) {
      if (err instanceof ApiError && err.status >= 400 && err.status < 500 && err.status !== 429 && err.status !== 408) {
        // The server refuses this content for good: show why, keep everything, go on with the rest.
        await store.updateInterview(record.uuid, (r) => {
          if (!r.outbox || r.outbox.client_revision !== body.client_revision) return null;
          r.state = STATES.refused;
          r.server = { ...(r.server || {}), code: err.code, reason: err.reason, params: err.params, message: err.message, problems: err.problems };
          return r;
        });
        onProgress({ uuid: record.uuid, refused: err });
        continue;
      }
      throw err; // offline, 5xx, 429, expired session: try again later
    }
    const ack = result.body;
    await store.updateInterview(record.uuid, (r) => {
      const current = r.outbox && r.outbox.client_revision === body.client_revision;
      r.server = { ...(r.server || {}), ...ack, code: null, reason: null, params: null, message: null, problems: [] };
      r.sent_revision = body.client_revision;
      if (current && r.state === STATES.outbox) r.state = STATES.sent;
      return r;
    });
    sent += 1;
    onProgress({ uuid: record.uuid, ack });
  }
  return sent;
}

/**
 * Send every recorded visit not yet acknowledged (a visit's body never changes). One the server
 * refused is sent again at each sync: a refusal may end (the household given back to this
 * interviewer after a reassignment), and a refused visit was otherwise never sent nor removed.
 */
async function sendAttempts(s) {
  const queue = (await store.attemptsOf(s.user.id)).filter((a) => a.state === STATES.outbox || a.state === STATES.refused);
  for (const attempt of queue) {
    try {
      const { body } = await authorised(s, 'PUT', `/api/field/attempts/${attempt.uuid}`, { body: attempt.body });
      await store.updateAttempt(attempt.uuid, (a) => ({ ...a, state: STATES.sent, server: body }));
    } catch (err) {
      if (err instanceof ApiError && err.status >= 400 && err.status < 500 && ![401, 408, 429].includes(err.status)) {
        await store.updateAttempt(attempt.uuid, (a) => ({ ...a, state: STATES.refused, server: { code: err.code, reason: err.reason, params: err.params, message: err.message } }));
        continue;
      }
      throw err;
    }
  }
}

/**
 * One full sync (send, then download). Returns {ran: false} when another sync is running, unless
 * `wait` (a sync the interviewer asked for: it runs after the one under way).
 * Throws api.NetworkError (offline), SessionExpired, or api.ApiError from the server.
 */
export async function syncNow(onProgress, { wait = false } = {}) {
  const run = async () => {
    const s = await session();
    if (!s || s.expired) throw new SessionExpired();
    await sendAttempts(s);
    const sent = await sendOutbox(s, onProgress);
    await downloadAssignments(s);
    await store.setMeta('last_sync', { at: new Date().toISOString(), sent });
    return { ran: true, sent };
  };
  if (navigator.locks && navigator.locks.request) {
    const options = wait ? {} : { ifAvailable: true };
    return navigator.locks.request('field-sync', options, async (lock) => (lock ? run() : { ran: false }));
  }
  return run();
}

