// The interviewer app's error summary names the question of each error, as the web survey's
// does (respond/forms.py attach_errors). Run with: node --test tests/js/
import test from 'node:test';
import assert from 'node:assert/strict';
import { shortLabel, summaryLine } from '../../surveyapp/static/field/util.js';

const ITEMS = [
  { code: 'hh_size', type: 'integer', label: '¿Cuántas personas viven en su hogar?' },
  { code: 'hh_adults', type: 'integer', label: '¿Cuántas de ellas tienen 18 años o más?' },
  { code: 'trust', type: 'grid', label: '¿Cuánto confía en…?', rows: [{ code: 'trust_police', label: 'La policía' }] },
];
const REQUIRED = 'Esta pregunta necesita una respuesta.';

test('each summary line names its question, so equal messages can be told apart', () => {
  const lines = ['hh_size', 'hh_adults', 'trust_police'].map((code) => summaryLine(ITEMS, { code, message: REQUIRED }));
  assert.deepEqual(lines, [
    `¿Cuántas personas viven en su hogar? \u2013 ${REQUIRED}`,
    `¿Cuántas de ellas tienen 18 años o más? \u2013 ${REQUIRED}`,
    `La policía \u2013 ${REQUIRED}`,
  ]);
  assert.equal(new Set(lines).size, 3);
  assert.equal(summaryLine(ITEMS, { code: 'elsewhere', message: REQUIRED }), REQUIRED);
});

test('a long label is cut at a word with an ellipsis, as the web survey cuts it', () => {
  const label = 'En los últimos doce meses, ¿alguien le robó o intentó robarle algo usando la fuerza o amenazas?';
  const short = shortLabel(label);
  assert.ok(short.length <= 70, short);
  assert.equal(short, 'En los últimos doce meses, ¿alguien le robó o intentó robarle algo\u2026');
  assert.equal(shortLabel('corto'), 'corto');
});

test('the household list answers household size and adults, as the selection counts adults', async () => {
  const { rosterAnswers, ADULT_AGE } = await import('../../surveyapp/static/field/selection.js');
  const roster = [{ line: 1, age: 41 }, { line: 2, age: ADULT_AGE }, { line: 3, age: ADULT_AGE - 1 }, { line: 4, age: 9 }];
  assert.deepEqual(rosterAnswers(roster), { hh_size: '4', hh_adults: '2' });
  assert.deepEqual(rosterAnswers([]), {});
  assert.deepEqual(rosterAnswers(undefined), {});
});

test('the selected person of the household list answers sex and age; x or unknown stays empty', async () => {
  const { rosterAnswers } = await import('../../surveyapp/static/field/selection.js');
  const roster = [
    { line: 1, sex: 'm', age: 41 }, { line: 2, sex: 'f', age: 38 }, { line: 3, sex: 'x', age: 23 }, { line: 4, sex: 'f' },
  ];
  assert.deepEqual(rosterAnswers(roster, 1), { hh_size: '4', hh_adults: '3', dem_sex: '1', dem_age: '41' });
  assert.deepEqual(rosterAnswers(roster, 2), { hh_size: '4', hh_adults: '3', dem_sex: '2', dem_age: '38' });
  assert.deepEqual(rosterAnswers(roster, 3), { hh_size: '4', hh_adults: '3', dem_age: '23' });
  assert.deepEqual(rosterAnswers(roster, 4), { hh_size: '4', hh_adults: '3', dem_sex: '2' });
  assert.deepEqual(rosterAnswers(roster, 9), { hh_size: '4', hh_adults: '3' });
  assert.deepEqual(rosterAnswers(roster, null), { hh_size: '4', hh_adults: '3' });
});

test('the app maps roster sex codes as the server does (services/households.py ROSTER_SEX_ANSWER)', async () => {
  const { readFile } = await import('node:fs/promises');
  const { ROSTER_SEX_ANSWER } = await import('../../surveyapp/static/field/selection.js');
  const source = await readFile(new URL('../../surveyapp/services/households.py', import.meta.url), 'utf8');
  const found = /^ROSTER_SEX_ANSWER = (\{[^}\n]*\})$/m.exec(source);
  assert.ok(found, 'ROSTER_SEX_ANSWER not found in services/households.py');
  const server = JSON.parse(found[1]);
  assert.deepEqual({ ...ROSTER_SEX_ANSWER }, Object.fromEntries(Object.entries(server).map(([k, v]) => [k, String(v)])));
});
