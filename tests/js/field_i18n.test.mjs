// The interviewer app's own words: every text in every language, the same {placeholders} in each,
// and every key the app's modules ask for exists. Run with: node --test tests/js/
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { COLUMNS, KEYS, TEXTS, setLanguage, t, tn } from '../../surveyapp/static/field/i18n.js';

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

test('French texts put a no-break space before : ; ? ! and inside « » as the staff pages do', () => {
  // "Corrigez ce qui suit :" with a plain space could start a line with the colon on a tablet,
  // "« Non éligible »" end one with the guillemet (tests/surveyapp/test_french_typography.py).
  const fr = COLUMNS.indexOf('fr');
  const unspaced = /(?<![\u00a0\u202f])[:;?!](?=\s|$)|«(?![\u00a0\u202f])|(?<![\u00a0\u202f])»/;
  const found = KEYS.filter((key) => unspaced.test(TEXTS[key][fr]));
  assert.deepEqual(found, []);
  for (const wrong of ['Erreur :', 'Erreur:', 'Continuer ?', 'trop long ; réessayez', '« Non éligible »', '«oui»']) assert.ok(unspaced.test(wrong), wrong);
  for (const right of ['Erreur\u00a0:', '{label}\u00a0: {text}', 'https://x.org', '«\u00a0Non éligible\u00a0»']) assert.ok(!unspaced.test(right), right);
});

test('no text counts with "(s)": each count has its singular and plural forms (tn)', () => {
  // "Interview JM (person 2), one of 1 adult(s)." / "entre 2 adulto(s)" on the household screen.
  const hedged = /\w\((s|es|ns)\)/;
  const found = KEYS.filter((key) => TEXTS[key].some((text) => hedged.test(text)));
  assert.deepEqual(found, []);
  setLanguage('es');
  assert.equal(tn('selected_adult', 2, { initials: 'JM', line: 2 }), 'Entreviste a JM (persona 2), entre 2 adultos.');
  assert.equal(tn('selected_adult', 1, { initials: 'AM', line: 1 }), 'Entreviste a AM (persona 1), el único adulto (1).');
  setLanguage('fr');
  assert.equal(tn('selected_adult', 3, { initials: 'JM', line: 2 }), 'Interrogez JM (personne 2), parmi 3 adultes.');
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

test('problems of a refused interview are told in the app language, not the server English', async () => {
  const { createRequire } = await import('node:module');
  const { problemText } = await import('../../surveyapp/static/field/i18n.js');
  const require = createRequire(import.meta.url);
  globalThis.SurveyEngine = require('../../questionnaires/js/engine.js');
  try {
    // As the field API sends them (tests/surveyapp/fieldwork/test_api.py): message stays English.
    const range = { path: 'rob_n', message: 'Enter a number from 1 to 1000. (got 5000)', reason: 'value', params: { check: 'between', min: '1', max: '1000' } };
    const choice = { path: 'rob_yn', message: 'Choose one of the options shown. (got 7)', reason: 'value', params: { check: 'choice' } };
    const alone = { path: 'worries', message: '…', reason: 'value', params: { check: 'special_alone', code: '-8' } };
    const skipped = { path: 'rob_n', message: 'answered, but the skip logic leaves this item out', reason: 'skipped', params: {} };
    const type = { path: 'age', message: 'must be a whole number (got \'x\')', reason: 'type', params: { expected: 'whole_number' } };
    const many = { path: 'incident', message: 'has 2000 instances but its count gives 1', reason: 'too_many_instances', params: { given: '2000', count: '1' } };
    const size = { path: 'paradata', message: 'is 123456 bytes; the server takes at most 100000', reason: 'paradata_size', params: { size: '123456', max: '100000' } };
    const rule = { path: 'adults', message: 'fails its constraint: No más que el hogar', reason: 'constraint', params: { detail: 'No más que el hogar' } };
    const unknown = { path: 'x', message: 'something new', reason: 'from_a_newer_server', params: {} };
    setLanguage('es');
    assert.equal(problemText(range), 'Escriba un número entre 1 y 1000.');
    assert.equal(problemText(skipped), 'Tiene respuesta, pero las respuestas anteriores saltan esta pregunta. Revise las respuestas anteriores.');
    assert.equal(problemText(type), 'Debe ser un número entero.');
    assert.match(problemText(alone), /^'No sabe'/);
    assert.equal(problemText(rule), 'La respuesta no cumple la condición de la pregunta: No más que el hogar');
    setLanguage('fr');
    assert.equal(problemText(choice), SurveyEngine.messages().fr.choice);
    assert.equal(problemText(many), 'Il y a 2\u202f000 tours, mais les réponses précédentes en demandent 1.');
    assert.match(problemText(size), /^Les données de temps de l’entretien font 123\u202f456 octets/);
    setLanguage('pt');
    assert.equal(problemText(range), SurveyEngine.messages().pt.between.replace('{min}', '1').replace('{max}', '1000'));
    assert.equal(problemText(unknown), 'something new');  // a reason the app has no text for: the server's words
    for (const problem of [range, choice, alone, skipped, type, many, size, rule]) {
      for (const code of COLUMNS) {
        setLanguage(code);
        if (code !== 'en') assert.notEqual(problemText(problem), problem.message, `${problem.reason} in ${code}`);
      }
    }
  } finally {
    delete globalThis.SurveyEngine;
    setLanguage('es');
  }
});

test('a day the server names (ISO in its params) is written in the app language', async () => {
  const { serverText } = await import('../../surveyapp/static/field/i18n.js');
  // As the field API sends them (surveyapp/docs/fieldwork.md): the params stay ISO for machines.
  const approved = { code: 'approved', reason: 'approved', message: 'Sara approved this interview on 2026-12-06; …', params: { reviewer: 'Sara', date: '2026-12-06' } };
  const range = { code: 'invalid_request', reason: 'appointment_range', message: '…', params: { first: '2026-12-06', last: '2027-01-05', day: '2027-02-01', n: 30 } };
  try {
    setLanguage('es');
    assert.match(serverText(approved), /^Sara aprobó esta entrevista el 6 de diciembre de 2026; /);
    assert.match(serverText(range), /^El día de la cita \(1 de febrero de 2027\) debe estar entre el día de la visita \(6 de diciembre de 2026\) y 30 días después \(5 de enero de 2027\)\./);
    setLanguage('fr');
    assert.match(serverText(approved), /^Sara a approuvé cet entretien le 6 décembre 2026\u00a0; /);
    setLanguage('en');
    assert.match(serverText(approved), /^Sara approved this interview on December 6, 2026; /);
    for (const code of COLUMNS) {
      setLanguage(code);
      for (const source of [approved, range]) assert.doesNotMatch(serverText(source), /\d{4}-\d{2}-\d{2}/, `${source.reason} in ${code}`);
    }
    // anything else in a day's place (an older server's text) is shown as it came
    setLanguage('en');
    assert.match(serverText({ ...approved, params: { reviewer: 'Sara', date: 'yesterday' } }), /on yesterday;/);
  } finally {
    setLanguage('es');
  }
});

test('a selection the rule did not make names the people and the day in the app language', async () => {
  const { problemText } = await import('../../surveyapp/static/field/i18n.js');
  // As the field API sends it (tests/surveyapp/fieldwork/test_supervision_api.py).
  const problem = { path: 'household.selected_line', message: 'the selection rule picks line 2 of this roster (next_birthday, on 2025-12-06), not 1', reason: 'household_selection', params: { line: '2', sent: '1', date: '2025-12-06' } };
  try {
    setLanguage('es');
    assert.equal(problemText(problem), 'La regla de selección, aplicada el 6 de diciembre de 2025, elige a la persona 2 de la lista, no a la 1; avise a su supervisor.');
    setLanguage('fr');
    assert.equal(problemText(problem), 'La règle de sélection, appliquée le 6 décembre 2025, choisit la personne 2 de la liste, et non la personne 1\u00a0; prévenez votre superviseur.');
    setLanguage('pt');
    assert.doesNotMatch(problemText(problem), /2025-12-06/);
  } finally {
    setLanguage('es');
  }
});

test('times are written on the 24-hour clock in every language, as the staff pages write them', async () => {
  const { dateTime } = await import('../../surveyapp/static/field/i18n.js');
  // English wrote "Dec 8, 2026, 3:40 PM" (and the last sync "12/8/2026, 3:40:00 PM") beside the
  // staff pages' "15:40" (3e3a3fa) and the appointment's own "15:40". Local times: the device's zone.
  const afternoon = new Date(2026, 11, 8, 15, 40);
  const night = new Date(2026, 11, 8, 0, 5);
  const expected = {
    es: ['8 dic 2026, 15:40', '8 dic 2026, 0:05'],
    en: ['Dec 8, 2026, 15:40', 'Dec 8, 2026, 00:05'],
    pt: ['8 de dez. de 2026, 15:40', '8 de dez. de 2026, 00:05'],
    fr: ['8 déc. 2026, 15:40', '8 déc. 2026, 00:05'],
  };
  try {
    for (const code of COLUMNS) {
      setLanguage(code);
      assert.deepEqual([dateTime(afternoon), dateTime(night)], expected[code], code);
      assert.equal(dateTime(afternoon.toISOString()), expected[code][0], `${code}, from ISO text`);
      assert.doesNotMatch(dateTime(afternoon), /\b(AM|PM|3:40)\b/i, code);
      assert.equal(t('last_sync', { at: dateTime(night) }).endsWith(expected[code][1]), true, code);
    }
    for (const wrong of ['', 'yesterday', null, undefined, new Date(NaN)]) assert.equal(dateTime(wrong), '?', String(wrong));
  } finally {
    setLanguage('es');
  }
});

test('every time the app writes goes through dateTime (no other clock of its own)', () => {
  // The last sync, the discarded list, a refused visit's confirmation and a draft's start each
  // called toLocaleString themselves, English on the 12-hour clock.
  const timely = /\.toLocale(?:Time)?String\(|timeStyle|[{,]\s*hour(?:12|Cycle)?\s*:/;
  const found = [];
  for (const name of readdirSync(FIELD).filter((file) => file.endsWith('.js'))) {
    readFileSync(new URL(name, FIELD), 'utf8').split('\n').forEach((line, i) => {
      if (!timely.test(line) || /\bnumber\.toLocaleString\(current\)/.test(line)) return;
      found.push(`${name}:${i + 1}`);
    });
  }
  const source = readFileSync(new URL('i18n.js', FIELD), 'utf8').split('\n');
  const own = source.findIndex((line) => /timeStyle: 'short', hourCycle: 'h23'/.test(line));
  assert.ok(own >= 0);
  assert.deepEqual(found, [`i18n.js:${own + 1}`]);
});
