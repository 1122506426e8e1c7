/*
 * Skip logic inside a survey page, with the same evaluator as the server
 * (questionnaires/js/expressions.js, window.SurveyExpr). Items whose relevance
 * depends on answers on this page carry data-relevant; they are shown or hidden
 * as the respondent answers. Nothing here is needed: without JavaScript every
 * such item is shown and the server ignores the ones that do not apply.
 */
(function () {
  'use strict';
  var SPECIAL = '__special';

  function numberOrText(text) {
    var trimmed = text.trim();
    if (trimmed === '') return null;
    var normal = trimmed.replace(',', '.');
    return /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(normal) ? Number(normal) : trimmed;
  }

  /** The current answers of the page's inputs, as the engine would store them. */
  function pageValues(form) {
    var values = {};
    var seen = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      var name = el.name;
      if (!name || name === 'csrf_token' || name === 'version' || name === 'interview' || name === 'action') return;
      var code = name.slice(-SPECIAL.length) === SPECIAL ? name.slice(0, -SPECIAL.length) : name;
      seen[code] = true;
      if (el.type === 'radio' || el.type === 'checkbox') {
        if (!el.checked) return;
        var code_ = Number(el.value);
        if (el.type === 'checkbox' && name === code) {
          (values[code] = values[code] || []).push(code_);
        } else if (values[code] === undefined || values[code] === null) {
          values[code] = code_;
        }
        return;
      }
      var parsed = el.getAttribute('inputmode') ? numberOrText(el.value) : (el.value.trim() || null);
      if (parsed !== null) values[code] = parsed;
    });
    return {values: values, codes: Object.keys(seen)};
  }

  function start() {
    var form = document.querySelector('form[data-survey-page]');
    var data = document.getElementById('survey-context');
    var expr = window.SurveyExpr;
    document.body.classList.add('js-enabled');
    var summary = document.querySelector('[data-module="error-summary"]');
    if (summary) summary.focus();
    preventDoubleClicks();
    if (form) exclusiveAnswers(form);
    if (!form || !data || !expr) return;
    var context = JSON.parse(data.textContent);
    var calculations = context.calculations.map(function (c) {
      return {code: c[0], calculation: expr.parse(c[1]), relevant: c[2] ? expr.parse(c[2]) : null};
    });
    var targets = Array.prototype.map.call(form.querySelectorAll('[data-relevant]'), function (el) {
      return {el: el, relevant: expr.parse(el.getAttribute('data-relevant'))};
    });
    if (!targets.length) return;

    function update() {
      var page = pageValues(form);
      var answers = Object.assign({}, context.answers);
      page.codes.forEach(function (code) { delete answers[code]; });
      Object.assign(answers, page.values);
      var ctx = expr.mappingContext({answers: answers, repeats: context.repeats,
                                     position: context.position, today: context.today});
      calculations.forEach(function (c) {
        delete answers[c.code];
        if (c.relevant && !expr.toBoolean(expr.evaluate(c.relevant, ctx))) return;
        var value = expr.evaluate(c.calculation, ctx);
        if (!expr.isBlank(value)) answers[c.code] = value;
      });
      targets.forEach(function (t) {
        t.el.hidden = !expr.toBoolean(expr.evaluate(t.relevant, ctx));
      });
    }
    form.addEventListener('change', update);
    form.addEventListener('input', update);
    update();
  }

  /**
   * GOV.UK's "or" pattern: typing in a box unticks its "Don't know"/"Prefer not to answer",
   * and ticking one of those clears the box and unticks the other. Without JavaScript the
   * server keeps the answer that changed (surveyapp/respond/forms.py, changed_answer).
   */
  function exclusiveAnswers(form) {
    Array.prototype.forEach.call(form.querySelectorAll('[data-exclusive]'), function (group) {
      var box = document.getElementById(group.getAttribute('data-exclusive'));
      var ticks = group.querySelectorAll('input[type="checkbox"]');
      if (!box) return;
      box.addEventListener('input', function () {
        if (box.value.trim() === '') return;
        Array.prototype.forEach.call(ticks, function (tick) { tick.checked = false; });
      });
      Array.prototype.forEach.call(ticks, function (tick) {
        tick.addEventListener('change', function () {
          if (!tick.checked) return;
          box.value = '';
          Array.prototype.forEach.call(ticks, function (other) {
            if (other !== tick) other.checked = false;
          });
        });
      });
    });
  }

  /** A second press of Next while the first is on its way does nothing (GOV.UK's pattern). */
  function preventDoubleClicks() {
    Array.prototype.forEach.call(document.querySelectorAll('form'), function (form) {
      var sent = false;
      form.addEventListener('submit', function (event) {
        if (sent) { event.preventDefault(); return; }
        sent = true;
        window.setTimeout(function () { sent = false; }, 3000);
      });
    });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
