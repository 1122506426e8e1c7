// The shared engine cases (tests/fixtures/engine/cases.json, written from the Python
// engine by make_cases.py) run against the browser engine questionnaires/js/engine.js.
// Run with: node --test tests/js/
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'engine');
const JS = path.join(__dirname, '..', '..', 'questionnaires', 'js');
const SurveyEngine = require(path.join(JS, 'engine.js'));
const { checkWalk, checkValidation } = require(path.join(FIXTURES, 'check.cjs'));
const CASES = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'cases.json'), 'utf8'));
const MESSAGES = JSON.parse(
  fs.readFileSync(path.join(__dirname, '..', '..', 'questionnaires', 'engine', 'messages.json'), 'utf8'),
);

function explain(c, found) {
  return `${c.id}: first difference at ${found.where}\n` +
    `  expected (Python): ${JSON.stringify(found.expected)}\n` +
    `  actual (JS):       ${JSON.stringify(found.actual)}` +
    (found.raw ? `\n  form: ${JSON.stringify(found.raw)}` : '');
}

test('the cases cover every instrument, language, incident loops and grids', () => {
  const seen = new Set(CASES.walks.map((w) => `${w.instrument}/${w.language}`));
  for (const [name, doc] of Object.entries(CASES.documents)) {
    for (const language of doc.languages) assert.ok(seen.has(`${name}/${language}`), `${name}/${language}`);
  }
  const states = CASES.walks.flatMap((w) => w.steps.filter((s) => s.state).map((s) => s.state));
  const incidents = states.map((s) => (s.answers.incident || []).length);
  assert.ok(Math.max(...incidents) >= 10, 'a walk reaches 10 incidents');
  assert.ok(states.some((s) => s.page && s.page.items.some((v) => v.type === 'grid')), 'a grid page is applied');
  assert.ok(CASES.walks.some((w) => w.steps.some((s) => s.errors && s.errors.length)), 'some forms are rejected');
  assert.ok(CASES.validate.some((c) => c.problems.length === 0), 'some documents are valid');
  assert.ok(CASES.validate.some((c) => c.problems.length > 0), 'some documents are not');
});

test('interview walks give what the Python engine gives', async (t) => {
  for (const walk of CASES.walks) {
    await t.test(walk.id, () => {
      const found = checkWalk(CASES.documents, walk);
      assert.equal(found, null, found ? explain(walk, found) : '');
    });
  }
});

test('validateAnswers gives what Python validate_answers gives', async (t) => {
  for (const c of CASES.validate) {
    await t.test(c.id, () => {
      const found = checkValidation(CASES.documents, c);
      assert.equal(found, null, found ? explain(c, found) : '');
    });
  }
});

test('the embedded messages are messages.json', () => {
  assert.deepEqual(SurveyEngine.messages(), MESSAGES);
});

test('a classic script after expressions.js defines self.SurveyEngine', () => {
  const sandbox = { self: {} };
  vm.createContext(sandbox);
  for (const file of ['expressions.js', 'engine.js']) {
    vm.runInContext(fs.readFileSync(path.join(JS, file), 'utf8'), sandbox, { filename: file });
  }
  const engine = sandbox.self.SurveyEngine;
  assert.equal(typeof engine.createInterview, 'function');
  const iv = engine.createInterview(CASES.documents.tiny, null, { language: 'en', today: '2026-12-06' });
  assert.equal(JSON.stringify(iv.pageIds()), '["screener","perception"]'); // another realm's Array
});

test('unknown pages and languages are refused clearly', () => {
  const doc = CASES.documents.tiny;
  const iv = SurveyEngine.createInterview(doc, null, { language: 'es', today: '2026-12-06' });
  assert.throws(() => iv.page('incidents/1'), (err) => {
    assert.ok(err instanceof SurveyEngine.PageNotFound);
    assert.equal(err.message, "no page 'incidents/1' is asked in this interview");
    return true;
  });
  assert.throws(() => iv.nextPageId('nowhere'), SurveyEngine.PageNotFound);
  assert.throws(() => SurveyEngine.createInterview(doc, null, { language: 'de', today: '2026-12-06' }),
    /language 'de' is not one of the instrument's \['en', 'es'\]/);
  assert.throws(() => SurveyEngine.createInterview(doc, [1], { language: 'es', today: '2026-12-06' }), TypeError);
  assert.throws(() => SurveyEngine.createInterview(doc, null, { language: 'es', today: '06/12/2026' }), TypeError);
});

test('answers is a copy: changing it changes nothing in the interview', () => {
  const iv = SurveyEngine.createInterview(CASES.documents.tiny, null, { language: 'en', today: '2026-12-06' });
  assert.deepEqual(iv.applyPage('screener', { rob_yn: '1', rob_n: '2' }), []);
  const copy = iv.answers;
  copy.incident.push({});
  copy.rob_n = 5;
  assert.equal(iv.answers.incident.length, 2);
  assert.equal(iv.answers.rob_n, 2);
  assert.deepEqual(iv.pageIds(), ['screener', 'incidents/1', 'incidents/2', 'perception']);
});

test('setMessages replaces the tables; bad tables are refused', () => {
  const doc = CASES.documents.tiny;
  const original = SurveyEngine.messages();
  const changed = JSON.parse(JSON.stringify(original));
  changed.en.required = 'Answer me.';
  try {
    SurveyEngine.setMessages(changed);
    const iv = SurveyEngine.createInterview(doc, null, { language: 'en', today: '2026-12-06' });
    assert.deepEqual(iv.applyPage('screener', {}), [{ code: 'rob_yn', message: 'Answer me.' }]);
  } finally {
    SurveyEngine.setMessages(original);
  }
  assert.throws(() => SurveyEngine.setMessages({ es: {} }), TypeError);
  assert.deepEqual(SurveyEngine.messages(), MESSAGES);
});

test('today may be a Date (read in local time)', () => {
  const doc = CASES.documents.features;
  const iv = SurveyEngine.createInterview(doc, null, { language: 'en', today: new Date(2026, 11, 6) });
  const start = iv.page('about').items.find((view) => view.code === 'start_date');
  assert.equal(start.max, '2026-12-06');
});
