// The interviewer app's own words: every text in every language, the same {placeholders} in each,
// and every key the app's modules ask for exists. Run with: node --test tests/js/
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { COLUMNS, KEYS, TEXTS, setLanguage, t } from '../../surveyapp/static/field/i18n.js';

const FIELD = new URL('../../surveyapp/static/field/', import.meta.url);

test('every text exists in every language with the same placeholders', () => {
  assert.deepEqual(COLUMNS, ['es', 'en', 'pt', 'fr']);
  const placeholders = (text) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort().join(',');
  for (const key of KEYS) {
    const texts = TEXTS[key];
    assert.equal(texts.length, COLUMNS.length, key);
    for (const [i, text] of texts.entries()) assert.ok(typeof text === 'string' && text.trim(), `${key} in ${COLUMNS[i]}`);
    assert.equal(new Set(texts.map(placeholders)).size, 1, `${key}: placeholders differ between languages`);
  }
  setLanguage('es');
  assert.equal(t('n_waiting', { n: 3 }), '3 por enviar');
  setLanguage('fr');
  assert.equal(t('n_waiting', { n: 3 }), '3 à envoyer');
});

test('every key the app asks for is translated', () => {
  const used = new Set();
  for (const file of ['app.js', 'frame.js', 'household.js', 'interview.js', 'render.js']) {
    const source = readFileSync(fileURLToPath(new URL(file, FIELD)), 'utf8');
    for (const match of source.matchAll(/\bt\('([a-z_]+)'/g)) used.add(match[1]);
    for (const match of source.matchAll(/: '((?:state|not)_[a-z_]+)'/g)) used.add(match[1]);
  }
  assert.ok(used.size > 40, `found ${used.size} keys`);
  const missing = [...used].filter((key) => !KEYS.includes(key));
  assert.deepEqual(missing, []);
});
