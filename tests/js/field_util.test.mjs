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
