// One page of an interview as a form, from the engine's page view (SurveyEngine, the same engine
// as the server's); reading the form back as the engine's raw input; showing and hiding items as
// answers change, with the relevance computed by the engine itself.
import { el } from './util.js';

const NUMERIC = new Set(['integer', 'decimal']);
const TEXTUAL = new Set(['text', 'longtext', 'date', 'month']);

function specialSet(item) {
  return new Set((item.specialCodes || []).map(Number));
}

function idFor(code, suffix = '') {
  return `f-${code}${suffix}`;
}

/** The raw value of an item as the form would send it (string, list of strings or undefined). */
function initialRaw(item) {
  const v = item.value;
  if (v === null || v === undefined) return undefined;
  if (Array.isArray(v)) return v.map(String);
  return String(v);
}

function choiceInputs(item, name, type, raw, t) {
  const specials = specialSet(item);
  const chosen = new Set(Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]);
  const inputs = [];
  let dividerDone = false;
  for (const [code, label] of item.choices || []) {
    const id = idFor(name, `-${String(code).replace('-', 'm')}`);
    if (specials.has(Number(code)) && !dividerDone && inputs.length) {
      inputs.push(el('div', { class: 'choice__divider', text: t('or') }));
      dividerDone = true;
    }
    inputs.push(el('div', { class: 'choice' },
      el('input', {
        type, id, name, value: String(code), class: 'choice__input',
        checked: chosen.has(String(code)),
        dataset: specials.has(Number(code)) ? { special: '1' } : {},
      }),
      el('label', { class: 'choice__label', for: id, text: label })));
  }
  return inputs;
}

function questionHead(item, labelFor) {
  const parts = [];
  if (labelFor) parts.push(el('label', { class: 'q__label', for: labelFor, text: item.label }));
  else parts.push(el('legend', { class: 'q__label', text: item.label }));
  if (item.hint) parts.push(el('p', { class: 'q__hint', id: idFor(item.code, '-hint'), text: item.hint }));
  parts.push(el('p', { class: 'q__error', id: idFor(item.code, '-error'), hidden: true }));
  return parts;
}

function renderItem(item, raw, t) {
  const attrs = { class: 'q', id: `q-${item.code}`, dataset: { code: item.code, type: item.type } };
  if (item.type === 'note') {
    return el('div', attrs, el('p', { class: 'note', text: item.label }),
      item.hint ? el('p', { class: 'q__hint', text: item.hint }) : null);
  }
  if (item.type === 'single' || item.type === 'multiple') {
    const type = item.type === 'single' ? 'radio' : 'checkbox';
    return el('fieldset', attrs, questionHead(item, null),
      el('div', { class: 'choices' }, choiceInputs(item, item.code, type, raw[item.code] ?? initialRaw(item), t)));
  }
  if (item.type === 'grid') {
    const rows = (item.rows || []).map((row) => el('fieldset', { class: 'q q--row', id: `q-${row.code}`, dataset: { code: row.code, type: 'single' } },
      questionHead(row, null),
      el('div', { class: 'choices choices--inline' }, choiceInputs(row, row.code, 'radio', raw[row.code] ?? initialRaw(row), t))));
    return el('div', attrs, el('p', { class: 'q__label', text: item.label }),
      item.hint ? el('p', { class: 'q__hint', text: item.hint }) : null, rows);
  }
  // Typed answers, with the item's special answers as exclusive checkboxes beside the box.
  const specials = specialSet(item);
  const start = raw[item.code] ?? initialRaw(item);
  const special = start !== undefined && specials.has(Number(start)) ? String(start) : null;
  const text = special === null && start !== undefined ? String(start) : '';
  const id = idFor(item.code);
  let input;
  if (item.type === 'longtext') {
    input = el('textarea', { id, name: item.code, rows: 4, class: 'input input--wide' });
    input.value = text;
  } else {
    const kind = item.type === 'date' ? 'date' : item.type === 'month' ? 'month' : 'text';
    input = el('input', {
      id, name: item.code, type: kind, class: NUMERIC.has(item.type) ? 'input input--num' : 'input',
      inputmode: item.type === 'integer' ? 'numeric' : item.type === 'decimal' ? 'decimal' : null,
      autocomplete: 'off', spellcheck: item.type === 'text' ? 'true' : 'false',
      min: TEXTUAL.has(item.type) && item.min ? item.min : null,
      max: TEXTUAL.has(item.type) && item.max ? item.max : null,
      placeholder: item.type === 'month' ? 'YYYY-MM' : null,
      'aria-describedby': item.hint ? idFor(item.code, '-hint') : null,
    });
    input.value = text;
  }
  const specialBoxes = (item.choices || []).filter(([code]) => specials.has(Number(code))).map(([code, label]) => {
    const sid = idFor(item.code, `-s${String(code).replace('-', 'm')}`);
    return el('div', { class: 'choice' },
      el('input', { type: 'checkbox', id: sid, name: `${item.code}__special`, value: String(code), class: 'choice__input',
        checked: special === String(code), dataset: { special: '1', for: item.code } }),
      el('label', { class: 'choice__label', for: sid, text: label }));
  });
  return el('div', attrs, questionHead(item, id), input,
    specialBoxes.length ? el('div', { class: 'choices choices--special' }, el('div', { class: 'choice__divider', text: t('or') }), specialBoxes) : null);
}

/** A form for `page`: `raw` holds what was typed on it before (restored after a reload). */
export function renderPage(page, raw, t) {
  const form = el('form', { class: 'page', novalidate: true, autocomplete: 'off' });
  for (const item of page.items) form.append(renderItem(item, raw || {}, t));
  // Exclusive answers: a special answer clears the others, and typing or choosing clears it.
  form.addEventListener('change', (event) => exclusive(form, event.target));
  form.addEventListener('input', (event) => {
    const target = event.target;
    if (target.matches('input[type=text], input[type=date], input[type=month], textarea') && target.value !== '') {
      form.querySelectorAll(`input[data-for="${CSS.escape(target.name)}"]`).forEach((box) => { box.checked = false; });
    }
  });
  return form;
}

function exclusive(form, target) {
  if (!target.matches('input[type=checkbox]') || !target.checked) return;
  if (target.dataset.for) {
    const box = form.elements.namedItem(target.dataset.for);
    if (box && 'value' in box) box.value = '';
    form.querySelectorAll(`input[data-for="${CSS.escape(target.dataset.for)}"]`).forEach((other) => {
      if (other !== target) other.checked = false;
    });
    return;
  }
  const group = form.querySelectorAll(`input[type=checkbox][name="${CSS.escape(target.name)}"]`);
  group.forEach((other) => {
    if (other === target) return;
    if (target.dataset.special || other.dataset.special) other.checked = false;
  });
}

/** The form's answers as the engine's raw input: {code: string | string[]}. */
export function readRaw(form) {
  const raw = {};
  for (const q of form.querySelectorAll('[data-code]')) {
    const code = q.dataset.code;
    const type = q.dataset.type;
    if (type === 'note' || type === 'grid') continue;
    if (type === 'multiple') {
      raw[code] = Array.from(q.querySelectorAll(`input[name="${CSS.escape(code)}"]:checked`), (i) => i.value);
      continue;
    }
    if (type === 'single') {
      const checked = q.querySelector(`input[name="${CSS.escape(code)}"]:checked`);
      if (checked) raw[code] = checked.value;
      continue;
    }
    const special = q.querySelector(`input[data-for="${CSS.escape(code)}"]:checked`);
    if (special) {
      raw[code] = special.value;
      continue;
    }
    const box = q.querySelector(`[name="${CSS.escape(code)}"]`);
    if (box && box.value.trim() !== '') raw[code] = box.value;
  }
  return raw;
}

/** Which question of the form an event came from (an item or a grid row). */
export function codeOf(target) {
  const q = target.closest('[data-code]');
  return q ? q.dataset.code : null;
}

/** Show the engine's relevance: items (and grid rows) that are not asked are hidden. */
export function applyRelevance(form, page) {
  for (const item of page.items) {
    const node = form.querySelector(`[data-code="${CSS.escape(item.code)}"]`);
    if (node) node.hidden = item.relevant === false;
    for (const row of item.rows || []) {
      const rowNode = form.querySelector(`[data-code="${CSS.escape(row.code)}"]`);
      if (rowNode) rowNode.hidden = row.relevant === false;
    }
  }
}

/** Errors beside their questions; returns the first question with an error. */
export function showErrors(form, errors) {
  form.querySelectorAll('.q--error').forEach((q) => q.classList.remove('q--error'));
  form.querySelectorAll('.q__error').forEach((p) => { p.hidden = true; p.textContent = ''; });
  let first = null;
  for (const { code, message } of errors) {
    const q = form.querySelector(`[data-code="${CSS.escape(code)}"]`);
    if (!q) continue;
    q.classList.add('q--error');
    const slot = q.querySelector('.q__error');
    if (slot) { slot.hidden = false; slot.textContent = message; }
    first = first || q;
  }
  return first;
}

/** The page's answers as an answers document would hold them, for previewing relevance. */
export function tentativeValues(page, raw) {
  const values = {};
  const types = {};
  for (const item of page.items) {
    types[item.code] = item.type;
    for (const row of item.rows || []) types[row.code] = 'single';
  }
  for (const [code, value] of Object.entries(raw)) {
    const type = types[code];
    if (type === undefined) continue;
    if (Array.isArray(value)) {
      const codes = value.filter((v) => /^-?\d+$/.test(v)).map(Number);
      if (codes.length) values[code] = codes;
    } else if (/^-?\d+$/.test(value.trim()) && (type === 'single' || NUMERIC.has(type) || Number(value) < 0)) {
      values[code] = Number(value.trim());
    } else if (type === 'decimal' && /^-?\d*[.,]\d+$/.test(value.trim())) {
      values[code] = Number(value.trim().replace(',', '.'));
    } else if (!NUMERIC.has(type) && type !== 'single') {
      values[code] = value.trim();
    }
  }
  return values;
}
