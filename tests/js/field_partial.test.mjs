// An interview sent as partial keeps what was typed on the page the respondent stopped on
// (surveyapp/static/field/partial.js); a typed value that fails its rule is named, not dropped.
// Run with: node --test tests/js/
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { partialAnswers, typedAnswers, withoutRequired } from '../../surveyapp/static/field/partial.js';

const require = createRequire(import.meta.url);
const engine = require('../../questionnaires/js/engine.js');
const CASES = JSON.parse(readFileSync(new URL('../fixtures/engine/cases.json', import.meta.url), 'utf8'));
const DOC = CASES.documents.vict_std;
const OPTIONS = { language: 'en', today: '2026-12-07', referencePeriod: null };
// The household page passed with Next; the respondent stops on the next page.
const PASSED = { hh_size: 4, hh_adults: 2, hh_area: 1 };

test('answers typed on the page the respondent stopped on are kept, its empty required questions left out', () => {
  const pending = { respondent: { dem_sex: '2', dem_age: '41', dem_years_nbhd: '-8' } };
  const { answers, problems } = partialAnswers(engine, DOC, PASSED, pending, OPTIONS);
  assert.deepEqual(problems, []);
  const typed = Object.fromEntries(Object.entries(answers).filter(([code]) => /^(hh|dem)_/.test(code)));
  assert.deepEqual(typed, { ...PASSED, dem_sex: 2, dem_age: 41, dem_years_nbhd: -8 }); // (and the calculations)
  // Next would refuse the same page: dem_educ and dem_employ are required.
  const iv = engine.createInterview(DOC, PASSED, OPTIONS);
  assert.deepEqual(iv.applyPage('respondent', pending.respondent).map((e) => e.code), ['dem_educ', 'dem_employ']);
  // What is sent breaks no rule but the required ones, which a break-off may leave empty.
  const found = engine.validateAnswers(DOC, answers, OPTIONS).filter((p) => p.message !== 'required but not answered');
  assert.deepEqual(found, []);
});

test('a typed value that fails its rule is a problem naming its page and question, and nothing of that page is sent', () => {
  const pending = { respondent: { dem_sex: '2', dem_age: '16' }, household: { hh_size: '5', hh_adults: '2', hh_area: '1' } };
  const { answers, problems } = partialAnswers(engine, DOC, PASSED, pending, OPTIONS);
  assert.equal(problems.length, 1);
  const [problem] = problems;
  assert.equal(problem.page, 'respondent');
  assert.equal(problem.code, 'dem_age');
  assert.match(problem.message, /18 or over/);
  assert.ok(problem.items.some((item) => item.code === 'dem_age'));
  assert.equal(answers.hh_size, 5); // the other page's typed answer still applies
  assert.equal('dem_sex' in answers, false);
  const typo = partialAnswers(engine, DOC, PASSED, { respondent: { dem_age: 'forty' } }, OPTIONS).problems;
  assert.deepEqual(typo.map((p) => [p.code, p.message]), [['dem_age', 'Enter a whole number.']]);
});

test('typed answers of a page the answers before it no longer ask are not sent', () => {
  // hv_car is asked only of households with a car; hh_own_car typed as "no" on the assets page.
  const pending = { hv_car: { hv_car_5y: '1' }, hh_assets: { hh_own_car: '2' } };
  const { answers, problems } = partialAnswers(engine, DOC, PASSED, pending, OPTIONS);
  assert.deepEqual(problems, []);
  assert.equal(answers.hh_own_car, 2);
  assert.equal('hv_car_5y' in answers, false);
  const asked = partialAnswers(engine, DOC, PASSED, { hv_car: { hv_car_5y: '1' }, hh_assets: { hh_own_car: '1' } }, OPTIONS);
  assert.equal(asked.answers.hv_car_5y, 1); // applied after the page that asks it
});

test('the partial copy of the instrument leaves the instrument itself as it is', () => {
  const copy = withoutRequired(DOC);
  assert.notEqual(copy, DOC);
  assert.equal(withoutRequired(DOC), copy);
  assert.equal(DOC.sections[1].items[0].required, true);
  assert.equal(JSON.stringify(copy).includes('"required"'), false);
});

// Finished ('Finish and send'): the interview sent is the one the interviewer sees, an answer
// changed after going Back included (typedAnswers, with every rule of the instrument).
const WHOLE = (() => {
  const iv = engine.createInterview(DOC, PASSED, OPTIONS);
  const raw = { respondent: { dem_sex: '2', dem_age: '41', dem_educ: '4', dem_employ: '1', dem_years_nbhd: '-8' }, hh_assets: { hh_own_car: '2', hh_own_moto: '2', hh_own_bike: '2' } };
  for (const id of ['respondent', 'hh_assets']) assert.deepEqual(iv.applyPage(id, raw[id]), []);
  return iv.answers;
})();

test('an answer changed on a page left with Back is in the finished interview', () => {
  const { answers, problems, interview } = typedAnswers(engine, DOC, WHOLE, { respondent: { dem_sex: '2', dem_age: '42', dem_educ: '4', dem_employ: '1', dem_years_nbhd: '-8' } }, OPTIONS);
  assert.deepEqual(problems, []);
  assert.equal(answers.dem_age, 42);
  assert.equal(WHOLE.dem_age, 41); // the answers given are not changed in place
  assert.equal(interview.answers.dem_age, 42);
});

test('a finished interview names a changed answer Next would refuse, and asks the pages it opens', () => {
  const pending = { respondent: { dem_sex: '2', dem_age: '16', dem_educ: '4', dem_employ: '1', dem_years_nbhd: '-8' }, hh_assets: { hh_own_car: '1', hh_own_moto: '2', hh_own_bike: '2' } };
  const { answers, problems, interview } = typedAnswers(engine, DOC, WHOLE, pending, OPTIONS);
  assert.deepEqual(problems.map((p) => [p.page, p.code, p.missing]), [['respondent', 'dem_age', false]]);
  assert.equal(answers.dem_age, 41); // nothing of the refused page applied
  assert.equal(answers.hh_own_car, 1);
  assert.ok(interview.pageIds().includes('hv_car'));
  assert.equal(interview.page('hv_car').items[0].value, null); // its required question: unanswered
  // Emptied after Back: required again, as Next says; a break-off may leave it empty.
  const cleared = { respondent: { dem_sex: '2', dem_educ: '4', dem_employ: '1', dem_years_nbhd: '-8' } };
  assert.deepEqual(typedAnswers(engine, DOC, WHOLE, cleared, OPTIONS).problems.map((p) => [p.code, p.missing]), [['dem_age', true]]);
  const partial = partialAnswers(engine, DOC, WHOLE, cleared, OPTIONS);
  assert.deepEqual(partial.problems, []);
  assert.equal('dem_age' in partial.answers, false);
});
