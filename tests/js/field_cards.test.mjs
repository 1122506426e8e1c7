// What the interviewer app's household cards say: the state after a visit that closed the
// household, and the count of visits in each language's singular and plural. Run with:
// node --test tests/js/
import test from 'node:test';
import assert from 'node:assert/strict';
import { FINAL_REFUSALS, cardState, changedAnswers, discardable, draftContents, keepsServerVersion } from '../../surveyapp/static/field/cards.js';
import { COLUMNS, TEXTS, setLanguage, t, tn } from '../../surveyapp/static/field/i18n.js';

const draft = { state: 'draft', created_at: '2026-05-04T09:00:00.000Z', updated_at: '2026-05-04T09:05:00.000Z' };

test('a refused household says refused, not "not started"', () => {
  assert.equal(cardState(null, { outcome: 'refusal', at: '2026-05-04T10:00:00.000-05:00' }), 'refusal');
  assert.equal(cardState(null, { outcome: 'no_contact', at: '2026-05-04T10:00:00.000-05:00' }), 'none');
  assert.equal(cardState(null, null), 'none');
});

test('a draft whose household was then recorded not eligible is no longer a draft on its card', () => {
  // The household list found no adult (09:05 UTC), then the visit "Not eligible" (04:10 -05:00).
  assert.equal(cardState(draft, { outcome: 'not_eligible', at: '2026-05-04T04:10:00.000-05:00' }), 'not_eligible');
  // A refusal converted: the draft was worked on after the refusal visit.
  assert.equal(cardState(draft, { outcome: 'refusal', at: '2026-05-04T04:00:00.000-05:00' }), 'draft');
  // Only drafts: what was finished, sent or sent back keeps its own state.
  for (const state of ['outbox', 'sent', 'returned', 'approved', 'refused']) {
    assert.equal(cardState({ ...draft, state }, { outcome: 'not_eligible', at: '2026-05-05T10:00:00.000Z' }), state);
  }
});

test('each card state has its badge text in every language', async () => {
  const { readFileSync } = await import('node:fs');
  const source = readFileSync(new URL('../../surveyapp/static/field/interview.js', import.meta.url), 'utf8');
  for (const state of ['refusal', 'not_eligible']) {
    assert.match(source, new RegExp(`\\b${state}: 'state_${state}'`));
    assert.equal(TEXTS[`state_${state}`].length, COLUMNS.length);
  }
  setLanguage('es');
  assert.equal(t('state_refusal'), 'Rechazo');
  assert.equal(t('state_not_eligible'), 'No elegible');
});

test('visits are counted in the singular and the plural, without "(s)"', () => {
  const outcome = 'x';
  const expected = {
    es: ['1 visita · última: x', '2 visitas · última: x'],
    en: ['1 visit · last: x', '2 visits · last: x'],
    pt: ['1 visita · última: x', '2 visitas · última: x'],
    fr: ['1 visite · dernière\u00a0: x', '2 visites · dernière\u00a0: x'],
  };
  for (const code of COLUMNS) {
    setLanguage(code);
    assert.deepEqual([tn('n_visits', 1, { outcome }), tn('n_visits', 2, { outcome })], expected[code], code);
    assert.ok(!tn('n_visits', 3, { outcome }).includes('('), code);
  }
  setLanguage('fr');
  assert.equal(tn('n_visits', 0, { outcome }), '0 visite · dernière\u00a0: x'); // French: 0 is singular
  setLanguage('es');
});

test('only a draft the server never received can be discarded', () => {
  // A draft left on a household then found not eligible or refused blocked logout for good.
  assert.equal(discardable(draft), true);
  assert.equal(discardable({ ...draft, status: 'completed', server: { code: 'conflict', message: '…' } }), true); // refused on its first sending, reopened
  for (const state of ['outbox', 'sent', 'returned', 'approved']) assert.equal(discardable({ ...draft, state }), false, state);
  // Refused on its first sending: discarded from its card, without "Fix" first.
  assert.equal(discardable({ ...draft, state: 'refused', status: 'completed', server: { code: 'owner' } }), true);
  assert.equal(discardable({ ...draft, state: 'refused', sent_revision: 1, server: { code: 'approved', revision: 1 } }), false);
  assert.equal(discardable({ ...draft, sent_revision: 1 }), false); // sent once, reopened
  assert.equal(discardable({ ...draft, server: { revision: 2 } }), false);
  assert.equal(discardable({ ...draft, server: { review_status: 'rejected' } }), false); // sent back, adopted on a new tablet
  assert.equal(discardable(null), false);
});

test('what discarding a draft loses is counted for its confirmation', () => {
  assert.deepEqual(draftContents({ ...draft, answers: {}, pending: {} }), { answers: 0, people: 0, selected: false, finished: false, refused: false, empty: true });
  const worked = {
    ...draft,
    status: null,
    answers: { intro_ok: 1, hh_size: 4, worries: [1, 3], none: [], blank: null, incident: [{ inc_type: 2, inc_when: null }, { inc_type: 5 }] },
    pending: { respondent: { dem_age: '41', dem_sex: '', hh_size: '4' } },
    household: { roster: [{ line: 1 }, { line: 2 }], draws: [{ selected_line: 1 }] },
  };
  // 3 answers, 2 incident answers, 1 typed and not given yet (dem_age; hh_size is given).
  assert.deepEqual(draftContents(worked), { answers: 6, people: 2, selected: true, finished: false, refused: false, empty: false });
  // A household list typed but not drawn (no adult in it) is in roster_draft.
  const listed = draftContents({ ...draft, household: { roster: [], draws: [] }, roster_draft: [{ line: 1 }] });
  assert.equal(listed.people, 1);
  assert.equal(listed.empty, false);
  assert.equal(draftContents({ ...draft, status: 'completed', answers: {} }).finished, true);
});

test('a refused first sending is told as refused, not as finished and reopened', () => {
  const refused = { ...draft, state: 'refused', status: 'completed', server: { code: 'owner' } };
  assert.equal(draftContents(refused).refused, true);
  assert.equal(draftContents({ ...refused, state: 'draft' }).refused, true); // reopened with Fix
  assert.equal(draftContents({ ...draft, status: 'completed' }).refused, false);
});

test("only a correction the server refused for good can be dropped for the server's version", () => {
  const correction = { ...draft, state: 'refused', sent_revision: 1, client_revision: 2, status: 'completed', server: { revision: 1, code: 'approved', review_status: 'approved' } };
  assert.equal(keepsServerVersion(correction), true);
  assert.equal(keepsServerVersion({ ...correction, state: 'draft' }), true); // reopened with Fix
  assert.equal(keepsServerVersion({ ...correction, server: { ...correction.server, code: 'wave_not_accepting' } }), true);
  for (const code of ['invalid', 'instrument', 'owner', 'not_found', 'invalid_request', null]) {
    assert.equal(keepsServerVersion({ ...correction, server: { ...correction.server, code } }), false, code);
  }
  assert.equal(FINAL_REFUSALS.has('invalid'), false);
  // The approval undone since (sent back again): the correction can be sent, nothing to drop.
  assert.equal(keepsServerVersion({ ...correction, server: { ...correction.server, review_status: 'rejected' } }), false);
  // Refused on its first sending: the server has no version to keep (that is discarding).
  assert.equal(keepsServerVersion({ ...correction, sent_revision: undefined, server: { code: 'approved' } }), false);
  for (const state of ['outbox', 'sent', 'approved', 'returned']) assert.equal(keepsServerVersion({ ...correction, state }), false, state);
});

test('the answers a dropped correction changed are counted', () => {
  assert.equal(changedAnswers({ a: 1, b: [1, 2], c: null }, { a: 1, b: [1, 2] }), 0);
  assert.equal(changedAnswers({ a: 2, b: [1], d: 'x' }, { a: 1, b: [1, 2], c: 3 }), 4);
  assert.equal(changedAnswers({ inc: [{ t: 1 }] }, { inc: [{ t: 2 }] }), 1);
  // The server gives incident rounds back with their keys in another order: not a change.
  assert.equal(changedAnswers({ inc: [{ t: 1, w: 2 }] }, { inc: [{ w: 2, t: 1 }] }), 0);
});
