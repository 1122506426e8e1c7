// The interviewer app's selection rule (surveyapp/static/field/selection.js) against the cases
// Python wrote (tests/fixtures/selection/cases.json, from surveyapp/services/selection.py).
// Run with: node --test tests/js/
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { pathToFileURL } = require('node:url');

const ROOT = path.join(__dirname, '..', '..');
const CASES = JSON.parse(
  fs.readFileSync(path.join(ROOT, 'tests', 'fixtures', 'selection', 'cases.json'), 'utf8'),
).cases;
const load = () => import(pathToFileURL(path.join(ROOT, 'surveyapp', 'static', 'field', 'selection.js')));

test('every shared case selects the adult Python selects', async () => {
  const { selectAdult } = await load();
  assert.ok(CASES.length >= 300);
  for (const [i, c] of CASES.entries()) {
    const found = selectAdult({ method: c.method, seed: c.seed, roster: c.roster, today: c.today });
    assert.deepEqual(found, c.expected, `case ${i} (${c.method}, seed ${c.seed}, ${c.today})`);
  }
});

test('the cases cover every method, empty households and birthday ties', () => {
  const methods = new Set(CASES.map((c) => c.method));
  assert.deepEqual([...methods].sort(), ['kish', 'last_birthday', 'next_birthday']);
  assert.ok(CASES.some((c) => c.expected.eligibleAdults === 0));
  const tied = CASES.filter((c) => {
    if (c.method === 'kish') return false;
    const days = c.roster.filter((p) => p.age >= 18).map((p) => p.birthday);
    return new Set(days).size < days.length;
  });
  assert.ok(tied.length >= 10, `${tied.length} cases with a shared birthday`);
});

test('a birthday today is the last birthday, not the next', async () => {
  const { selectAdult } = await load();
  const roster = [
    { line: 1, sex: 'f', age: 30, birthday: '07-14' },
    { line: 2, sex: 'm', age: 50, birthday: '07-20' },
  ];
  assert.equal(selectAdult({ method: 'last_birthday', seed: 5, roster, today: '2026-07-14' }).selectedLine, 1);
  assert.equal(selectAdult({ method: 'next_birthday', seed: 5, roster, today: '2026-07-14' }).selectedLine, 2);
});

test('unknown methods and bad seeds are refused', async () => {
  const { selectAdult } = await load();
  assert.throws(() => selectAdult({ method: 'random', seed: 1, roster: [] }), RangeError);
  assert.throws(() => selectAdult({ method: 'kish', seed: -1, roster: [] }), RangeError);
  assert.throws(() => selectAdult({ method: 'next_birthday', seed: 1, roster: [{ line: 1, sex: 'f', age: 30, birthday: '02-30' }], today: '2026-01-01' }), RangeError);
});
