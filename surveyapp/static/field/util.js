// Small helpers shared by the interviewer app's modules.

/** The device's local time as ISO 8601 with its UTC offset, e.g. 2026-12-06T10:15:00.123-05:00. */
export function localIso(date = new Date()) {
  const pad = (n, w = 2) => String(Math.abs(n)).padStart(w, '0');
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}` +
    `${sign}${pad(Math.trunc(offset / 60))}:${pad(offset % 60)}`;
}

/** The device's local date, YYYY-MM-DD (the "today" of the interview engine). */
export function localDate(date = new Date()) {
  return localIso(date).slice(0, 10);
}

/** Invisible characters that reorder the text around them (Unicode's bidirectional embeddings,
 * overrides, isolates and marks): the server refuses them in household initials and visit notes
 * (surveyapp/security.py DIRECTION_CONTROLS; a test holds the two lists equal). */
export const DIRECTION_CONTROLS = '\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069';

/** The first direction control in `text` as "U+202E" (what the messages name), else null. */
export function directionControl(text) {
  for (const c of String(text || '')) {
    if (DIRECTION_CONTROLS.includes(c)) return `U+${c.codePointAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
  }
  return null;
}

/** `text` without its direction controls (a note the server refused for them, sent again). */
export function withoutDirectionControls(text) {
  return Array.from(String(text || '')).filter((c) => !DIRECTION_CONTROLS.includes(c)).join('');
}

/** A random (version 4) UUID in canonical lower-case form. */
export function newUuid() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * Build a DOM element: el('p', {class: 'x', text: 'hi'}, child, ...). Text is always set as
 * text (never HTML), so nothing from an instrument or the server can inject markup.
 */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'text') node.textContent = value;
    else if (key === 'on') for (const [type, fn] of Object.entries(value)) node.addEventListener(type, fn);
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else if (value === true) node.setAttribute(key, '');
    else node.setAttribute(key, String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function debounce(fn, ms) {
  let timer = null;
  const wrapped = (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => { timer = null; fn(...args); }, ms);
  };
  wrapped.flush = (...args) => { clearTimeout(timer); timer = null; fn(...args); };
  return wrapped;
}

/** A size in bytes as `language` writes it: "405,0 Ko" in French, "405.0 kB" in English. */
export function formatBytes(n, language = 'en') {
  if (!Number.isFinite(n)) return '?';
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) { n /= 1024; i += 1; }
  const digits = i ? 1 : 0;
  try {
    return new Intl.NumberFormat(language, { style: 'unit', unit: units[i], unitDisplay: i ? 'short' : 'narrow', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(n);
  } catch {
    return `${n.toFixed(digits)} ${['B', 'KB', 'MB', 'GB', 'TB'][i]}`;
  }
}

/**
 * A question's label cut to ``limit`` characters at a word, with an ellipsis: how an error
 * summary names the question (as the web survey's does, respond/forms.py ``_short``).
 */
export function shortLabel(label, limit = 70) {
  const text = String(label ?? '');
  if (text.length <= limit) return text;
  const cut = text.slice(0, limit - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > 0 ? cut.slice(0, space) : cut}\u2026`;
}

/**
 * The error summary's line for an engine error on ``items`` (a page's items): the question's
 * label, then what is wrong, so that the same message on several questions can be told apart.
 */
export function summaryLine(items, error) {
  for (const item of items) {
    if (item.code === error.code) return `${shortLabel(item.label)} \u2013 ${error.message}`;
    for (const row of item.rows || []) {
      if (row.code === error.code) return `${shortLabel(row.label)} \u2013 ${error.message}`;
    }
  }
  return error.message;
}

/** The id this installation of the app sends at login, made once and kept on the tablet: what
 * tells two tablets apart on the server whatever names they are given (a new login replaces the
 * earlier login of the same device, services/fieldwork.py token_device). Server rule: 8 to 64
 * letters, digits or hyphens. */
export function deviceId(storage = globalThis.localStorage, make = newUuid) {
  const KEY = 'field-device-id';
  let id = storage.getItem(KEY);
  if (!id || !/^[A-Za-z0-9-]{8,64}$/.test(id)) {
    id = make();
    storage.setItem(KEY, id);
  }
  return id;
}
