// The shared conformance cases (tests/fixtures/expressions/conformance.json) run
// against the browser evaluator; pytest runs the same file against Python.
// Run with: node --test tests/js/
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');

const SOURCE = path.join(__dirname, '..', '..', 'questionnaires', 'js', 'expressions.js');
const SurveyExpr = require(SOURCE);
const CASES = JSON.parse(
  fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'expressions', 'conformance.json'), 'utf8'),
);

function matches(actual, expected) {
  if (expected !== null && typeof expected === 'object' && !Array.isArray(expected)) {
    if (expected.nan) return typeof actual === 'number' && Number.isNaN(actual);
    if ('infinity' in expected) return actual === (expected.infinity > 0 ? Infinity : -Infinity);
    throw new Error('unknown expectation ' + JSON.stringify(expected));
  }
  if (Array.isArray(expected)) {
    return Array.isArray(actual) && actual.length === expected.length &&
      actual.every((v, i) => v === expected[i]);
  }
  return actual === expected;
}

test('the suite is large and ids are unique', () => {
  const ids = CASES.map((c) => c.id);
  assert.ok(ids.length >= 150);
  assert.equal(new Set(ids).size, ids.length);
});

test('conformance cases', async (t) => {
  for (const c of CASES) {
    await t.test(c.id, () => {
      const expected = c.expect;
      if (expected && expected.error === 'syntax') {
        assert.throws(() => SurveyExpr.parse(c.expr), (err) => {
          assert.ok(err instanceof SurveyExpr.ExpressionSyntaxError, String(err));
          assert.equal(err.position, expected.position, err.message);
          return true;
        });
        return;
      }
      const expr = SurveyExpr.parse(c.expr);
      if ('canonical' in c) assert.equal(expr.toSource(), c.canonical);
      assert.deepEqual(SurveyExpr.parse(expr.toSource()).toSource(), expr.toSource());
      const ctx = SurveyExpr.mappingContext({
        answers: c.answers,
        current: c.current === undefined ? null : c.current,
        position: c.position === undefined ? null : c.position,
        repeats: c.repeats || {},
        today: c.today === undefined ? null : c.today,
      });
      const actual = SurveyExpr.evaluate(expr, ctx);
      assert.ok(matches(actual, expected),
        `${c.id}: ${JSON.stringify(c.expr)} gave ${String(actual)} (${typeof actual}), expected ${JSON.stringify(expected)}`);
    });
  }
});

test('references, functions and current use are reported', () => {
  const expr = SurveyExpr.parse('if(selected(${q1}, 2), . + ${q2}, count(${inc_repeat}))');
  assert.deepEqual(SurveyExpr.references(expr), ['inc_repeat', 'q1', 'q2']);
  assert.deepEqual(expr.functions(), ['count', 'if', 'selected']);
  assert.equal(expr.usesCurrent(), true);
  assert.equal(SurveyExpr.parse('${a} > 1').usesCurrent(), false);
});

test('syntax errors carry position, detail and source', () => {
  assert.throws(() => SurveyExpr.parse('1 + frobnicate(2)'), (err) => {
    assert.equal(err.position, 4);
    assert.match(err.detail, /unknown function 'frobnicate\(\)'/);
    assert.equal(err.source, '1 + frobnicate(2)');
    assert.ok(err instanceof Error);
    return true;
  });
});

test('a rewritten tree gets canonical source', () => {
  const expr = SurveyExpr.parse("${x} = 'yes'");
  const tree = SurveyExpr.node.Binary('=', expr.tree.left, SurveyExpr.node.Number(1));
  const rewritten = SurveyExpr.Expression.fromTree(tree);
  assert.equal(rewritten.source, '${x} = 1');
  assert.equal(SurveyExpr.evaluate(rewritten, SurveyExpr.mappingContext({ answers: { x: 1 } })), true);
});

test('coercions are exposed', () => {
  assert.equal(SurveyExpr.toBoolean('0'), true);
  assert.equal(SurveyExpr.toBoolean(null), false);
  assert.ok(Number.isNaN(SurveyExpr.toNumber('')));
  assert.equal(SurveyExpr.toString([1, 3]), '1 3');
  assert.equal(SurveyExpr.toString(NaN), '');
});

test('works as a classic browser script defining window.SurveyExpr', () => {
  const code = fs.readFileSync(SOURCE, 'utf8');
  const window = {};
  window.self = window;
  vm.runInNewContext(code, { self: window, window: window });
  assert.equal(typeof window.SurveyExpr.parse, 'function');
  const ctx = window.SurveyExpr.mappingContext({ answers: { n: 4 } });
  assert.equal(window.SurveyExpr.evaluate(window.SurveyExpr.parse('${n} * 2'), ctx), 8);
});

test('today() accepts a Date from the context, read as a local calendar day', () => {
  const ctx = SurveyExpr.mappingContext({ today: new Date(2024, 1, 29, 23, 59) });
  assert.equal(SurveyExpr.evaluate(SurveyExpr.parse('today()'), ctx), '2024-02-29');
  assert.equal(SurveyExpr.evaluate(SurveyExpr.parse("today() - '2024-01-01'"), ctx), 59);
});
