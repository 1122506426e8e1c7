// The field API (surveyapp/docs/fieldwork.md): JSON over HTTP with a bearer token.

const TIMEOUT_MS = 60000;

/** The server answered with an error (it has a stable `code` and a sentence for the interviewer). */
export class ApiError extends Error {
  constructor(status, body) {
    super((body && body.message) || `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.code = (body && body.code) || String(status);
    // Which case of the code, and what its message names: the app words it (i18n.js serverText).
    this.reason = (body && body.reason) || this.code;
    this.params = (body && body.params && typeof body.params === 'object') ? body.params : {};
    this.problems = (body && body.problems) || [];
  }
}

/** No answer from the server: offline, timed out, or the connection broke. */
export class NetworkError extends Error {
  constructor(cause) {
    super('No connection to the server.');
    this.name = 'NetworkError';
    this.cause = cause;
  }
}

export async function call(method, path, { token = null, body, etag = null } = {}) {
  const headers = { Accept: 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (etag) headers['If-None-Match'] = etag;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
      credentials: 'omit',
      signal: controller.signal,
    });
  } catch (err) {
    throw new NetworkError(err);
  } finally {
    clearTimeout(timer);
  }
  if (response.status === 204 || response.status === 304) {
    return { status: response.status, body: null, etag: response.headers.get('ETag') };
  }
  let parsed = null;
  try {
    parsed = await response.json();
  } catch (err) {
    // A proxy or captive portal answered with something that is not our JSON.
    if (response.ok) throw new NetworkError(err);
  }
  if (!response.ok) throw new ApiError(response.status, parsed);
  return { status: response.status, body: parsed, etag: response.headers.get('ETag') };
}
