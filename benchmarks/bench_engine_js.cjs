// Time the browser interview engine (questionnaires/js/engine.js) on the standard
// questionnaire with 10 incidents: applying a page, rendering one, resuming an interview,
// validating a whole document. Prints figures; asserts nothing. Target: applying a page
// well under 50 ms on a cheap tablet (this machine's node is several times faster than
// a low-end Android tablet's browser: read the figures with that margin).
//
//   node benchmarks/bench_engine_js.cjs [--repeat N]
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');
const SurveyEngine = require(path.join(ROOT, 'questionnaires', 'js', 'engine.js'));
// The instrument document as the server stores it (Instrument.to_dict()), kept in the
// shared engine cases so that this script needs no YAML reader.
const CASES = JSON.parse(fs.readFileSync(path.join(ROOT, 'tests', 'fixtures', 'engine', 'cases.json'), 'utf8'));
const DOC = CASES.documents.vict_std;
const OPTIONS = { language: 'es', today: '2026-03-15', referencePeriod: ['2025-03-01', '2026-02-28'] };
const INCIDENTS = 10;

const argv = process.argv.slice(2);
const REPEAT = argv.includes('--repeat') ? Number(argv[argv.indexOf('--repeat') + 1]) : 200;

function timed(run, repeat) {
  const times = [];
  for (let i = 0; i < repeat; i++) {
    const start = process.hrtime.bigint();
    run();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)], best: times[0], p95: times[Math.floor(times.length * 0.95)] };
}

function incidents(iv) {
  return (iv.answers.incident || []).length;
}

/** A valid form for a page: "yes" (code 1) while there are fewer than INCIDENTS incidents. */
function form(iv, page) {
  const raw = {};
  const yes = incidents(iv) < INCIDENTS;
  for (const view of page.items) {
    for (const field of view.rows.length ? view.rows : [view]) {
      if (field.type === 'note') continue;
      const codes = field.choices.map((c) => String(c[0])).filter((c) => Number(c) >= 0);
      if (field.type === 'single') raw[field.code] = yes || !codes.includes('2') ? codes[0] : '2';
      else if (field.type === 'multiple') raw[field.code] = [codes[codes.length - 1]];
      else if (field.type === 'integer' || field.type === 'decimal') raw[field.code] = String(Math.max(1, field.min || 0));
      else if (field.type === 'date') raw[field.code] = field.min || '1980-06-15';
      else if (field.type === 'month') raw[field.code] = '2025-06';
      else raw[field.code] = 'texto';
    }
  }
  return raw;
}

/** An interview of DOC answered page by page in order (every page, incidents included). */
function answered() {
  const iv = SurveyEngine.createInterview(DOC, null, OPTIONS);
  let id = iv.pageIds()[0];
  const seen = new Set();
  while (id !== null && !seen.has(id)) {
    seen.add(id);
    const raw = form(iv, iv.page(id));
    let errors = iv.applyPage(id, raw);
    for (let tries = 0; errors.length && tries < 3; tries++) {
      for (const error of errors) raw[error.code] = ['30', '2', ''][tries];
      errors = iv.applyPage(id, raw);
    }
    id = iv.nextPageId(id);
  }
  return iv;
}

/** The form of a page as it is answered now (the interviewer goes through it again). */
function asShown(page) {
  const raw = {};
  for (const view of page.items) {
    for (const field of view.rows.length ? view.rows : [view]) {
      if (field.value === null) continue;
      raw[field.code] = Array.isArray(field.value) ? field.value.map(String) : String(field.value);
    }
  }
  return raw;
}

const built = timed(() => SurveyEngine.createInterview(DOC, null, OPTIONS), 1);
const iv = answered();
const answers = iv.answers;
const ids = iv.pageIds();
const lastIncident = ids.filter((id) => id.startsWith('incidents/')).pop();
const screener = 'pv_rob';
const perception = 'per_safety';
console.log(`vict_std: ${ids.length} pages, ${incidents(iv)} incidents, complete=${iv.isComplete()}, ` +
  `answers ${JSON.stringify(answers).length} bytes; first plan build ${built.median.toFixed(1)} ms`);

const again = (id) => () => {
  if (iv.applyPage(id, asShown(iv.page(id))).length) throw new Error(`${id} refused its own answers`);
};
const robbery = asShown(iv.page(screener));
let flip = false;
const rows = [
  ['applyPage screener, same answers', again(screener)],
  [`applyPage ${lastIncident}`, again(lastIncident)],
  ['applyPage per_safety (grids)', again(perception)],
  ['applyPage screener, 10 <-> 12 incidents', () => {
    flip = !flip;
    const raw = Object.assign({}, robbery, { pv_rob_n: flip ? String(Number(robbery.pv_rob_n) + 2) : robbery.pv_rob_n });
    if (iv.applyPage(screener, raw).length) throw new Error('screener refused');
  }],  // the last instances' answers are cut, as in Python
  ['page(incident) render', () => iv.page(lastIncident)],
  ['pageIds + progress + isComplete', () => { iv._refs = null; iv.pageIds(); iv.progress(); iv.isComplete(); }],
  ['createInterview (resume, settles)', () => SurveyEngine.createInterview(DOC, answers, OPTIONS)],
  ['validateAnswers (whole document)', () => SurveyEngine.validateAnswers(DOC, answers, OPTIONS)],
];
if (incidents(iv) < INCIDENTS) throw new Error(`only ${incidents(iv)} incidents`);
for (const [name, run] of rows) {
  timed(run, 20); // warm up the JIT
  const t = timed(run, REPEAT);
  console.log(`${name.padEnd(42)} median ${t.median.toFixed(3)} ms  p95 ${t.p95.toFixed(3)} ms  best ${t.best.toFixed(3)} ms`);
}
