// Paradata of an interview, as supervisors use it: per question the time spent before each
// answer, the number of times the answer changed, and when it was first and last given; per page
// each visit. Times are the device's local time with its UTC offset. Nothing about the device or
// its place is recorded (no GPS: no wave asks for it).
import { localIso } from './util.js';

const MAX_VISITS = 2000;

export function emptyParadata(appBuild) {
  return { app: appBuild, started_at: localIso(), ended_at: null, questions: {}, visits: [] };
}

/** Records what happens on one page; `path` turns an item code into its place in the document. */
export class PageClock {
  constructor(paradata, pageId, path) {
    this.paradata = paradata;
    this.pageId = pageId;
    this.path = path;
    this.shown = Date.now();
    this.lastEvent = this.shown;
    this.seen = new Map();
  }

  /** An answer was given or changed: `value` is what the input holds now (a string or list). */
  touch(code, value) {
    const now = Date.now();
    const key = this.path(code);
    const entry = this.paradata.questions[key] || { ms: 0, changes: 0, first: null, last: null };
    const text = JSON.stringify(value);
    const before = this.seen.has(code) ? this.seen.get(code) : entry.value_seen;
    entry.ms += Math.max(0, now - this.lastEvent);
    const at = localIso(new Date(now));
    if (!entry.first) entry.first = at;
    else if (before !== undefined && before !== text) entry.changes += 1;
    entry.last = at;
    entry.value_seen = text;
    this.seen.set(code, text);
    this.paradata.questions[key] = entry;
    this.lastEvent = now;
  }

  /** The page is left (next, back, closed): one visit with its duration. */
  leave(outcome) {
    const visits = this.paradata.visits;
    if (visits.length < MAX_VISITS) {
      visits.push({ page: this.pageId, at: localIso(new Date(this.shown)), ms: Date.now() - this.shown, outcome });
    }
  }
}

/** Paradata as sent: the working fields removed. */
export function forUpload(paradata) {
  const questions = {};
  for (const [key, entry] of Object.entries(paradata.questions || {})) {
    const { value_seen: _unused, ...kept } = entry;
    questions[key] = kept;
  }
  return { ...paradata, questions };
}
