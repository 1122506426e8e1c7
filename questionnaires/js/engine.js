/*
 * The interview engine in the browser: the same pages, skip logic, settling,
 * validation and messages as the Python package questionnaires.engine (see
 * questionnaires/docs/engine.md, "In the browser"). One plain file, no build:
 * a classic <script src> after expressions.js defines self.SurveyEngine;
 * require() returns the API. Both engines are held to the shared cases in
 * tests/fixtures/engine/cases.json and to a differential test.
 */
(function (root, factory) {
  'use strict';
  if (typeof module === 'object' && module && module.exports) {
    module.exports = factory(require('./expressions.js'));
  } else {
    root.SurveyEngine = factory(root.SurveyExpr);
  }
})(typeof self !== 'undefined' ? self : this, function (SurveyExpr) {
  'use strict';

  if (!SurveyExpr) throw new Error('engine.js needs expressions.js (SurveyExpr) loaded first');

  var evaluate = SurveyExpr.evaluate;
  var toBoolean = SurveyExpr.toBoolean;
  var toNumber = SurveyExpr.toNumber;
  var toString = SurveyExpr.toString;
  var formatNumber = SurveyExpr.formatNumber;
  var isBlank = SurveyExpr.isBlank;

  // BEGIN MESSAGES (generated from questionnaires/engine/messages.json by
  // `python -m questionnaires.engine.messages`; do not edit by hand)
  var MESSAGES = {
    "en": {
      "required": "This question needs an answer.",
      "choice": "Choose one of the options shown.",
      "one_value": "Give only one answer.",
      "special_alone": "'{label}' cannot be combined with other answers.",
      "whole_number": "Enter a whole number.",
      "number": "Enter a number.",
      "between": "Enter a number from {min} to {max}.",
      "at_least": "Enter a number of at least {min}.",
      "at_most": "Enter a number of at most {max}.",
      "too_long": "Use at most {max} characters.",
      "one_line": "Write the answer on one line.",
      "date": "Enter a date as YYYY-MM-DD.",
      "date_min": "The date cannot be before {min}.",
      "date_max": "The date cannot be after {max}.",
      "month": "Enter a month as YYYY-MM.",
      "month_period": "The month must be between {start} and {end}.",
      "invalid": "This answer is not valid.",
      "dont_know": "Don't know",
      "refused": "Prefer not to answer"
    },
    "es": {
      "required": "Esta pregunta necesita una respuesta.",
      "choice": "Elija una de las opciones mostradas.",
      "one_value": "Dé una sola respuesta.",
      "special_alone": "'{label}' no se puede combinar con otras respuestas.",
      "whole_number": "Escriba un número entero.",
      "number": "Escriba un número.",
      "between": "Escriba un número entre {min} y {max}.",
      "at_least": "Escriba un número de al menos {min}.",
      "at_most": "Escriba un número de como máximo {max}.",
      "too_long": "Use como máximo {max} caracteres.",
      "one_line": "Escriba la respuesta en una sola línea.",
      "date": "Escriba una fecha como AAAA-MM-DD.",
      "date_min": "La fecha no puede ser anterior a {min}.",
      "date_max": "La fecha no puede ser posterior a {max}.",
      "month": "Escriba un mes como AAAA-MM.",
      "month_period": "El mes debe estar entre {start} y {end}.",
      "invalid": "Esta respuesta no es válida.",
      "dont_know": "No sabe",
      "refused": "Prefiere no responder"
    },
    "pt": {
      "required": "Esta pergunta precisa de uma resposta.",
      "choice": "Escolha uma das opções apresentadas.",
      "one_value": "Dê apenas uma resposta.",
      "special_alone": "'{label}' não pode ser combinada com outras respostas.",
      "whole_number": "Escreva um número inteiro.",
      "number": "Escreva um número.",
      "between": "Escreva um número entre {min} e {max}.",
      "at_least": "Escreva um número de pelo menos {min}.",
      "at_most": "Escreva um número de no máximo {max}.",
      "too_long": "Use no máximo {max} caracteres.",
      "one_line": "Escreva a resposta numa só linha.",
      "date": "Escreva uma data como AAAA-MM-DD.",
      "date_min": "A data não pode ser anterior a {min}.",
      "date_max": "A data não pode ser posterior a {max}.",
      "month": "Escreva um mês como AAAA-MM.",
      "month_period": "O mês deve estar entre {start} e {end}.",
      "invalid": "Esta resposta não é válida.",
      "dont_know": "Não sabe",
      "refused": "Prefere não responder"
    },
    "fr": {
      "required": "Cette question demande une réponse.",
      "choice": "Choisissez l'une des options proposées.",
      "one_value": "Donnez une seule réponse.",
      "special_alone": "« {label} » ne peut pas être combiné avec d'autres réponses.",
      "whole_number": "Saisissez un nombre entier.",
      "number": "Saisissez un nombre.",
      "between": "Saisissez un nombre entre {min} et {max}.",
      "at_least": "Saisissez un nombre d'au moins {min}.",
      "at_most": "Saisissez un nombre d'au plus {max}.",
      "too_long": "Utilisez au plus {max} caractères.",
      "one_line": "Écrivez la réponse sur une seule ligne.",
      "date": "Saisissez une date au format AAAA-MM-JJ.",
      "date_min": "La date ne peut pas être antérieure au {min}.",
      "date_max": "La date ne peut pas être postérieure au {max}.",
      "month": "Saisissez un mois au format AAAA-MM.",
      "month_period": "Le mois doit être compris entre {start} et {end}.",
      "invalid": "Cette réponse n'est pas valide.",
      "dont_know": "Ne sait pas",
      "refused": "Préfère ne pas répondre"
    }
  };
  // END MESSAGES

  var SPECIAL_CODES = { dont_know: -8, refused: -9 };
  var SPECIAL_KEYS = { '-8': 'dont_know', '-9': 'refused' };
  var TEXT_LIMITS = { text: 255, longtext: 4000 };
  var MAX_INSTANCES = 100;
  var MAX_NUMBER_TEXT = 30;
  var AGGREGATES = ['sum', 'count', 'min', 'max'];

  var INTEGER = /^[+-]?[0-9]+$/;
  var DECIMAL = /^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)$/;
  var DATE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;
  // Python's re: '$' also matches before one final newline.
  var MONTH = /^([0-9]{4})-([0-9]{2})\n?$/;
  // Python's str.strip() whitespace.
  var PY_SPACE = '\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004' +
    '\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000';

  // ------------------------------------------------------------- helpers

  function has(object, key) {
    return Object.prototype.hasOwnProperty.call(object, key);
  }

  /** object[key] when it is an own property and not undefined, else null (Python's dict.get). */
  function get(object, key) {
    if (object === null || object === undefined || !has(object, key)) return null;
    var found = object[key];
    return found === undefined ? null : found;
  }

  function isDict(value) {
    return value !== null && typeof value === 'object' && !Array.isArray(value);
  }

  /**
   * Whether a number is what Python would hold as an int. JavaScript cannot tell 3 from 3.0;
   * whole numbers of 1e16 and more count as floats, as Python's json writes its floats there.
   */
  function isInt(value) {
    return typeof value === 'number' && Number.isInteger(value) && Math.abs(value) < 1e16;
  }

  function contains(list, value) {
    return typeof value === 'number' && list.indexOf(value) >= 0;
  }

  function pyStrip(text) {
    var start = 0;
    var end = text.length;
    while (start < end && PY_SPACE.indexOf(text[start]) >= 0) start++;
    while (end > start && PY_SPACE.indexOf(text[end - 1]) >= 0) end--;
    return text.slice(start, end);
  }

  function codePoints(text) {
    var n = 0;
    for (var i = 0; i < text.length; i++) {
      var c = text.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
        var d = text.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) i++;
      }
      n++;
    }
    return n;
  }

  function firstCodePoints(text, count) {
    return Array.from(text).slice(0, count).join('');
  }

  /** A deep copy of a JSON document. */
  function copyDocument(value) {
    if (value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) {
      var list = new Array(value.length);
      for (var i = 0; i < value.length; i++) list[i] = copyDocument(value[i]);
      return list;
    }
    var out = {};
    for (var key in value) {
      if (!has(value, key)) continue;
      if (key === '__proto__') {
        // A key of the document like any other (JSON.parse makes it one), not the prototype.
        Object.defineProperty(out, key, { value: copyDocument(value[key]), enumerable: true, writable: true, configurable: true });
      } else {
        out[key] = copyDocument(value[key]);
      }
    }
    return out;
  }

  function pad(number, width) {
    return String(number).padStart(width, '0');
  }

  function daysInMonth(year, month) {
    if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
    return [4, 6, 9, 11].indexOf(month) >= 0 ? 30 : 31;
  }

  /** 'YYYY-MM-DD' of a valid ISO date text (as Python's date.fromisoformat reads it), or null. */
  function isoDate(text) {
    var match = /^([0-9]{4})-?([0-9]{2})-?([0-9]{2})$/.exec(text);
    if (match === null || (text.length !== 10 && text.length !== 8)) return null;
    if (text.length === 10 && (text[4] !== '-' || text[7] !== '-')) return null;
    var year = Number(match[1]);
    var month = Number(match[2]);
    var day = Number(match[3]);
    if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
    return match[1] + '-' + match[2] + '-' + match[3];
  }

  /** 'YYYY-MM-DD' of a date option: a Date (read in local time) or ISO text. */
  function dateOption(value, what) {
    if (value instanceof Date) {
      return pad(value.getFullYear(), 4) + '-' + pad(value.getMonth() + 1, 2) + '-' + pad(value.getDate(), 2);
    }
    var text = typeof value === 'string' && value.length === 10 ? isoDate(value) : null;
    if (text === null) throw new TypeError(what + ' must be a date YYYY-MM-DD, got ' + JSON.stringify(value));
    return text;
  }

  // ---------------------------------------------------------- Python repr

  function pyFloatRepr(x) {
    if (x !== x) return 'nan';
    if (x === Infinity) return 'inf';
    if (x === -Infinity) return '-inf';
    if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
    var sign = x < 0 ? '-' : '';
    var parts = Math.abs(x).toExponential().split('e');
    var digits = parts[0].replace('.', '');
    var exponent = Number(parts[1]);
    if (exponent < -4 || exponent >= 16) {
      var mantissa = digits.length > 1 ? digits[0] + '.' + digits.slice(1) : digits;
      var e = Math.abs(exponent);
      return sign + mantissa + 'e' + (exponent < 0 ? '-' : '+') + (e < 10 ? '0' + e : String(e));
    }
    var n = exponent + 1;
    if (n >= digits.length) return sign + digits + '0'.repeat(n - digits.length) + '.0';
    if (n > 0) return sign + digits.slice(0, n) + '.' + digits.slice(n);
    return sign + '0.' + '0'.repeat(-n) + digits;
  }

  var NOT_PRINTABLE = /[\p{C}\p{Z}]/u;

  function pyStringRepr(text) {
    var quote = text.indexOf("'") >= 0 && text.indexOf('"') < 0 ? '"' : "'";
    var out = quote;
    for (var ch of text) {
      var c = ch.codePointAt(0);
      if (ch === quote || ch === '\\') out += '\\' + ch;
      else if (ch === '\n') out += '\\n';
      else if (ch === '\r') out += '\\r';
      else if (ch === '\t') out += '\\t';
      else if (c < 0x20 || c === 0x7f || (ch !== ' ' && NOT_PRINTABLE.test(ch))) {
        if (c < 0x100) out += '\\x' + pad(c.toString(16), 2);
        else if (c < 0x10000) out += '\\u' + pad(c.toString(16), 4);
        else out += '\\U' + pad(c.toString(16), 8);
      } else out += ch;
    }
    return out + quote;
  }

  /** What Python's repr() writes for a JSON value (whole numbers below 1e16 as ints). */
  function pyRepr(value) {
    if (value === null || value === undefined) return 'None';
    if (value === true) return 'True';
    if (value === false) return 'False';
    if (typeof value === 'number') {
      return isInt(value) ? String(value) : pyFloatRepr(value);
    }
    if (typeof value === 'string') return pyStringRepr(value);
    if (Array.isArray(value)) return '[' + value.map(pyRepr).join(', ') + ']';
    return '{' + Object.keys(value).map(function (key) {
      return pyStringRepr(key) + ': ' + pyRepr(value[key]);
    }).join(', ') + '}';
  }

  // ------------------------------------------------------------- messages

  function message(key, language, values) {
    var catalogue = has(MESSAGES, language) ? MESSAGES[language] : MESSAGES.en;
    return catalogue[key].replace(/\{(\w+)\}/g, function (whole, name) {
      return values && has(values, name) ? String(values[name]) : whole;
    });
  }

  function specialLabel(code, language) {
    return message(SPECIAL_KEYS[String(code)], language);
  }

  /** Replace the message tables (the same JSON as questionnaires/engine/messages.json). */
  function setMessages(tables) {
    if (!isDict(tables) || !isDict(tables.en)) throw new TypeError('messages must map languages to tables, en included');
    MESSAGES = tables;
  }

  // ------------------------------------------------------------------ plan

  var plans = typeof WeakMap === 'function' ? new WeakMap() : null;

  /** The plan of an instrument document (cached per document object). */
  function planFor(doc) {
    if (!isDict(doc) || !Array.isArray(doc.sections)) {
      throw new TypeError('the instrument document must be an object with sections');
    }
    var plan = plans && plans.get(doc);
    if (!plan) {
      plan = buildPlan(doc);
      if (plans) plans.set(doc, plan);
    }
    return plan;
  }

  function parseOrNull(text) {
    return text === null || text === undefined ? null : SurveyExpr.parse(text);
  }

  function relevance() {
    var out = [];
    for (var i = 0; i < arguments.length; i++) {
      if (arguments[i] !== null && arguments[i] !== undefined) out.push(SurveyExpr.parse(arguments[i]));
    }
    return out;
  }

  function dateBound(text) {
    if (text === null || text === undefined) return null;
    if (text.length === 10 && text[4] === '-') {
      var day = isoDate(text);
      if (day !== null) return day;
    }
    return SurveyExpr.parse(text);
  }

  function choicesOf(plan, listName) {
    var list = get(plan.choiceLists, listName);
    if (list === null) throw new Error('no choice list ' + JSON.stringify(listName));
    return list;
  }

  function specials(item) {
    return (item.special || []).map(function (name) { return SPECIAL_CODES[name]; });
  }

  function makeField(plan, item, repeat, grid) {
    var field = {
      code: item.code, kind: null, item: item, grid: grid, repeat: repeat, relevant: [],
      required: false, choices: [], choiceCodes: [], specialCodes: [], constraint: null,
      calculation: null, minimum: null, maximum: null, maxLength: null, dateMin: null, dateMax: null,
    };
    if (item.type === 'calculate') {
      field.kind = 'calculate';
      field.relevant = relevance(item.relevant);
      field.choices = item.choices ? (get(plan.choiceLists, item.choices) || []) : [];
      field.calculation = SurveyExpr.parse(item.calculation);
    } else if (grid !== null) {
      field.kind = 'single';
      field.relevant = relevance(grid.relevant, item.relevant);
      field.required = grid.required === true;
      field.choices = choicesOf(plan, grid.choices);
      field.specialCodes = specials(grid);
    } else {
      field.kind = item.type;
      field.relevant = relevance(item.relevant);
      field.required = item.required === true;
      if (item.type === 'single' || item.type === 'multiple') field.choices = choicesOf(plan, item.choices);
      field.specialCodes = specials(item);
      field.constraint = parseOrNull(item.constraint);
      if (item.type === 'integer' || item.type === 'decimal') {
        field.minimum = item.min === undefined ? null : item.min;
        field.maximum = item.max === undefined ? null : item.max;
      }
      if (item.type === 'text' || item.type === 'longtext') field.maxLength = item.max_length || TEXT_LIMITS[item.type];
      if (item.type === 'date') {
        field.dateMin = dateBound(item.min);
        field.dateMax = dateBound(item.max);
      }
    }
    field.choiceCodes = field.choices.map(function (choice) { return choice.code; });
    return field;
  }

  function buildUnits(plan, items, repeat) {
    var units = [];
    var fields = [];
    items.forEach(function (item) {
      if (item.type === 'note') {
        units.push({ item: item, relevant: relevance(item.relevant), fields: [] });
      } else if (item.type === 'calculate') {
        fields.push(makeField(plan, item, repeat, null));
      } else if (item.type === 'grid') {
        var rows = item.rows.map(function (row) { return makeField(plan, row, repeat, item); });
        units.push({ item: item, relevant: relevance(item.relevant), fields: rows });
        fields.push.apply(fields, rows);
      } else {
        var answerable = makeField(plan, item, repeat, null);
        units.push({ item: item, relevant: answerable.relevant, fields: [answerable] });
        fields.push(answerable);
      }
    });
    return { units: units, fields: fields };
  }

  function buildPlan(doc) {
    var plan = {
      doc: doc,
      languages: doc.languages || [],
      defaultLanguage: doc.default_language,
      parameters: doc.parameters || {},
      choiceLists: doc.choice_lists || {},
      sections: [],
      fields: new Map(),
      repeatOf: new Map(),
      repeatFields: new Map(),
      sectionIndex: new Map(),
      codes: new Set(),
      topLevel: new Set(),
      settlesInOrder: false,
    };
    doc.sections.forEach(function (section) {
      var first = section.items[0];
      var repeat = first && first.type === 'repeat' ? first : null;
      var built = buildUnits(plan, repeat ? repeat.items : section.items, repeat);
      var count = null;
      if (repeat !== null) {
        count = isInt(repeat.count) ? repeat.count : SurveyExpr.parse(repeat.count);
        var codes = new Set(built.fields.map(function (f) { return f.code; }));
        built.units.forEach(function (unit) { codes.add(unit.item.code || ''); });
        plan.repeatFields.set(repeat.code, codes);
        codes.forEach(function (code) { plan.repeatOf.set(code, repeat); });
        plan.topLevel.add(repeat.code);
      } else {
        built.fields.forEach(function (f) { plan.topLevel.add(f.code); });
      }
      plan.sectionIndex.set(section.name, plan.sections.length);
      plan.sections.push({
        section: section,
        relevant: parseOrNull(section.relevant),
        repeat: repeat,
        repeatRelevant: repeat !== null ? parseOrNull(repeat.relevant) : null,
        count: count,
        units: built.units,
        fields: built.fields,
      });
      built.fields.forEach(function (f) { plan.fields.set(f.code, f); });
      walkCodes(section.items, plan.codes);
    });
    plan.settlesInOrder = settlesInOrder(plan);
    return plan;
  }

  function walkCodes(items, codes) {
    items.forEach(function (item) {
      codes.add(item.code);
      if (item.type === 'grid') item.rows.forEach(function (row) { codes.add(row.code); });
      else if (item.type === 'repeat') walkCodes(item.items, codes);
    });
  }

  function names() {
    var out = new Set();
    for (var i = 0; i < arguments.length; i++) {
      var e = arguments[i];
      if (e instanceof SurveyExpr.Expression) e.references().forEach(function (n) { out.add(n); });
    }
    return out;
  }

  /** Whether settling reads only values settled before it (as Python's Plan.settles_in_order). */
  function settlesInOrder(plan) {
    var order = new Map();
    plan.sections.forEach(function (section) {
      if (section.repeat !== null) order.set(section.repeat.code, order.size);
      section.fields.forEach(function (f) { order.set(f.code, order.size); });
    });
    var at = function (name) { return order.has(name) ? order.get(name) : -1; };
    for (var s = 0; s < plan.sections.length; s++) {
      var section = plan.sections[s];
      var start = section.repeat !== null ? order.get(section.repeat.code)
        : (section.fields.length ? order.get(section.fields[0].code) : order.size);
      var early = names(section.relevant, section.repeatRelevant, section.count);
      for (var name of early) if (at(name) >= start) return false;
      var own = section.repeat !== null ? plan.repeatFields.get(section.repeat.code) : new Set();
      for (var i = 0; i < section.fields.length; i++) {
        var f = section.fields[i];
        var expressions = f.relevant.concat([f.calculation]);
        var used = names.apply(null, expressions);
        for (var n of used) if (at(n) >= order.get(f.code)) return false;
        var readsOwn = false;
        for (var m of used) if (own.has(m)) readsOwn = true;
        if (readsOwn && expressions.some(function (e) {
          return e !== null && e.functions().some(function (fn) { return AGGREGATES.indexOf(fn) >= 0; });
        })) return false;
      }
    }
    return true;
  }

  // --------------------------------------------------------------- context

  var NO_NAMES = new Set();

  /** The expression context over an answers document (Python's AnswerContext). */
  function Context(plan, answers, today, instance, position, repeatCode) {
    this.plan = plan;
    this.answers = answers;
    this.day = today;
    this.instance = instance === undefined ? null : instance;
    this.pos = position || 0;
    this.local = repeatCode ? (plan.repeatFields.get(repeatCode) || NO_NAMES) : NO_NAMES;
    this.currentValue = null;
  }
  Context.prototype.value = function (name) {
    if (this.instance !== null && this.local.has(name)) return get(this.instance, name);
    if (this.plan.repeatOf.has(name)) return null;
    var found = get(this.answers, name);
    return found === null ? get(this.plan.parameters, name) : found;
  };
  Context.prototype.current = function () { return this.currentValue; };
  Context.prototype.position = function () { return this.pos; };
  Context.prototype.today = function () { return this.day; };
  Context.prototype.repeatValues = function (name) {
    var repeat = this.plan.repeatOf.get(name);
    if (!repeat) return [this.value(name)];
    var instances = get(this.answers, repeat.code);
    if (!Array.isArray(instances)) return [];
    return instances.map(function (inst) { return isDict(inst) ? get(inst, name) : null; });
  };
  Context.prototype.repeatCount = function (name) {
    if (this.plan.repeatFields.has(name)) {
      var instances = get(this.answers, name);
      return Array.isArray(instances) ? instances.length : 0;
    }
    return this.repeatValues(name).filter(function (v) { return !isBlank(v); }).length;
  };
  Context.prototype.holds = function (expressions) {
    for (var i = 0; i < expressions.length; i++) {
      if (!toBoolean(evaluate(expressions[i], this))) return false;
    }
    return true;
  };

  // -------------------------------------------------------------- settling

  function sectionOn(section, context) {
    if (section.relevant !== null && !toBoolean(evaluate(section.relevant, context))) return false;
    if (section.repeatRelevant !== null && !toBoolean(evaluate(section.repeatRelevant, context))) return false;
    return true;
  }

  function instanceCount(section, context) {
    var count = section.count;
    if (count === null) return 0;
    var number = typeof count === 'number' ? count : toNumber(evaluate(count, context));
    if (number !== number) return 0;
    return Math.max(0, Math.min(MAX_INSTANCES, Math.trunc(number)));
  }

  function settleFields(fields, target, context, asked) {
    for (var i = 0; i < fields.length; i++) {
      var field = fields[i];
      var relevant = asked && context.holds(field.relevant);
      if (field.calculation !== null && relevant) {
        var value = evaluate(field.calculation, context);
        if (isBlank(value)) delete target[field.code];
        else target[field.code] = value;
      } else if (!relevant) {
        delete target[field.code];
      }
    }
  }

  /** Calculations, cleared skips and repeat counts brought up to date, in place. */
  function settle(plan, answers, today, start) {
    var context = new Context(plan, answers, today);
    for (var s = start || 0; s < plan.sections.length; s++) {
      var section = plan.sections[s];
      var asked = sectionOn(section, context);
      if (section.repeat === null) {
        settleFields(section.fields, answers, context, asked);
        continue;
      }
      var code = section.repeat.code;
      var count = asked ? instanceCount(section, context) : 0;
      if (count === 0) {
        delete answers[code];
        continue;
      }
      var instances = get(answers, code);
      if (!Array.isArray(instances)) instances = answers[code] = [];
      if (instances.length > count) instances.length = count;
      while (instances.length < count) instances.push({});
      for (var position = 1; position <= instances.length; position++) {
        var instance = instances[position - 1];
        if (!isDict(instance)) instance = instances[position - 1] = {};
        var inner = new Context(plan, answers, today, instance, position, code);
        settleFields(section.fields, instance, inner, true);
      }
    }
  }

  // ------------------------------------------------------------- rendering

  function localized(text, language, fallback) {
    var found = get(text, language);
    return found ? found : (get(text, fallback) || '');
  }

  /** A label in language with every ${name} replaced by the answer's display text. */
  function renderText(text, language, plan, context) {
    if (text === null || text === undefined) return '';
    var template = localized(text, language, plan.defaultLanguage);
    if (template.indexOf('${') < 0) return template;
    var parts = template.split('${');
    var out = parts[0];
    for (var i = 1; i < parts.length; i++) {
      var part = parts[i];
      var brace = part.indexOf('}');
      if (brace < 0) out += '${' + part;
      else out += display(part.slice(0, brace), language, plan, context) + part.slice(brace + 1);
    }
    return out;
  }

  function display(name, language, plan, context) {
    var value = context.value(name);
    var field = plan.fields.get(name) || null;
    if (value === null) return '';
    if (field !== null && (field.choices.length || field.specialCodes.length)) {
      var codes = Array.isArray(value) ? value : [value];
      return codes.map(function (code) {
        var key = typeof code === 'boolean' ? (code ? 1 : 0) : code;
        if (typeof key === 'number') {
          for (var i = 0; i < field.choices.length; i++) {
            if (field.choices[i].code === key) return get(field.choices[i].label, language) || '';
          }
          if (key === -8 || key === -9) return specialLabel(key, language);
        }
        return toString(code);
      }).join(', ');
    }
    // Python keeps decimal answers as floats: only whole-number types show special labels.
    if (isInt(value) && (value === -8 || value === -9) && field !== null && field.kind !== 'decimal') {
      return specialLabel(value, language);
    }
    if (typeof value === 'number') return formatNumber(value);
    return toString(value);
  }

  // ----------------------------------------------------------------- values

  function shown(number) {
    return number === null ? '' : formatNumber(number);
  }

  function intText(text) {
    return Number(text) + 0; // +0 turns -0 into 0, as Python's int('-0')
  }

  /** [value, null] or [null, message] for what a form sent (Python's parse_raw). */
  function parseRaw(field, raw, language) {
    if (field.kind === 'multiple') {
      var texts = typeof raw === 'string' ? [raw] : (Array.isArray(raw) ? raw : []);
      var codes = [];
      for (var i = 0; i < texts.length; i++) {
        if (typeof texts[i] !== 'string') return [null, message('choice', language)];
        var one = pyStrip(texts[i]);
        if (!one) continue;
        if (one.length > MAX_NUMBER_TEXT || !INTEGER.test(one)) return [null, message('choice', language)];
        var code = intText(one);
        if (codes.indexOf(code) < 0) codes.push(code);
      }
      var order = new Map();
      field.choices.forEach(function (choice, index) { order.set(choice.code, index); });
      var rank = function (c) { return order.has(c) ? order.get(c) : order.size; };
      codes.sort(function (a, b) { return rank(a) - rank(b); });
      return [codes.length ? codes : null, null];
    }
    if (Array.isArray(raw)) {
      if (raw.length > 1) return [null, message('one_value', language)];
      raw = raw.length ? raw[0] : null;
    }
    if (raw === null || raw === undefined) return [null, null];
    if (typeof raw !== 'string') return [null, message('invalid', language)];
    var text = pyStrip(raw.split('\r\n').join('\n'));
    if (!text) return [null, null];
    if (INTEGER.test(text) && text.length < MAX_NUMBER_TEXT && contains(field.specialCodes, intText(text))) {
      return [intText(text), null];
    }
    var kind = field.kind;
    if (kind === 'single') {
      if (text.length > MAX_NUMBER_TEXT || !INTEGER.test(text)) return [null, message('choice', language)];
      return [intText(text), null];
    }
    if (kind === 'integer') {
      if (text.length > MAX_NUMBER_TEXT || !INTEGER.test(text)) return [null, message('whole_number', language)];
      return [intText(text), null];
    }
    if (kind === 'decimal') {
      // Respondents in es/pt/fr write a decimal comma.
      if (text.indexOf(',') >= 0 && text.indexOf('.') < 0 && text.split(',').length === 2) {
        text = text.replace(',', '.');
      }
      if (text.length > MAX_NUMBER_TEXT || !DECIMAL.test(text)) return [null, message('number', language)];
      return [Number(text), null];
    }
    return [text, null];
  }

  /** Why value cannot be an answer to field at all (wrong JSON type), or null. */
  function typeProblem(field, value) {
    var kind = field.kind;
    if (isInt(value) && contains(field.specialCodes, value) && kind !== 'multiple') return null;
    if ((kind === 'single' || kind === 'integer') && !isInt(value)) {
      return kind === 'integer' ? 'must be a whole number' : 'must be an integer choice code';
    }
    if (kind === 'multiple' && !(Array.isArray(value) && value.length && value.every(isInt))) {
      return 'must be a non-empty list of integer choice codes';
    }
    if (kind === 'decimal' && !(typeof value === 'number' && isFinite(value))) return 'must be a number';
    if ((kind === 'text' || kind === 'longtext' || kind === 'date' || kind === 'month') && typeof value !== 'string') {
      return 'must be a string';
    }
    return null;
  }

  /** The message for a typed value that breaks the rules of its item, or null. */
  function checkValue(field, value, language, context, period) {
    var kind = field.kind;
    if (kind === 'multiple') return checkMultiple(field, value, language);
    if (isInt(value) && contains(field.specialCodes, value)) return null;
    if (kind === 'single') return contains(field.choiceCodes, value) ? null : message('choice', language);
    if (kind === 'integer' || kind === 'decimal') return checkRange(field, value, language);
    if (kind === 'text' || kind === 'longtext') {
      if (kind === 'text' && (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0)) return message('one_line', language);
      if (field.maxLength !== null && codePoints(value) > field.maxLength) {
        return message('too_long', language, { max: field.maxLength });
      }
      return null;
    }
    if (kind === 'date') return checkDate(field, value, language, context);
    if (kind === 'month') return checkMonth(value, language, period);
    return null;
  }

  function checkMultiple(field, value, language) {
    for (var i = 0; i < value.length; i++) {
      var code = value[i];
      if (contains(field.specialCodes, code)) {
        if (value.length > 1) return message('special_alone', language, { label: specialLabel(code, language) });
      } else if (!contains(field.choiceCodes, code)) {
        return message('choice', language);
      }
    }
    if (new Set(value).size !== value.length) return message('choice', language);
    return null;
  }

  function checkRange(field, value, language) {
    var low = field.minimum;
    var high = field.maximum;
    var tooLow = low !== null && value < low;
    var tooHigh = high !== null && value > high;
    if (!(tooLow || tooHigh)) return null;
    if (low !== null && high !== null) return message('between', language, { min: shown(low), max: shown(high) });
    if (tooLow) return message('at_least', language, { min: shown(low) });
    return message('at_most', language, { max: shown(high) });
  }

  function evaluatedBound(bound, context) {
    if (bound === null || typeof bound === 'string') return bound;
    return isoDate(firstCodePoints(toString(evaluate(bound, context)), 10));
  }

  function checkDate(field, value, language, context) {
    if (!DATE.test(value) || isoDate(value) === null) return message('date', language);
    var low = evaluatedBound(field.dateMin, context);
    var high = evaluatedBound(field.dateMax, context);
    if (low !== null && value < low) return message('date_min', language, { min: low });
    if (high !== null && value > high) return message('date_max', language, { max: high });
    return null;
  }

  function checkMonth(value, language, period) {
    var match = MONTH.exec(value);
    if (match === null || Number(match[2]) < 1 || Number(match[2]) > 12) return message('month', language);
    if (period === null) return null;
    var year = Number(match[1]);
    var month = Number(match[2]);
    var first = match[1] + '-' + match[2] + '-01';
    var last = match[1] + '-' + match[2] + '-' + pad(daysInMonth(year, month), 2);
    if (last < period[0] || first > period[1]) {
      return message('month_period', language, { start: period[0].slice(0, 7), end: period[1].slice(0, 7) });
    }
    return null;
  }

  function periodOf(options) {
    var period = options && options.referencePeriod;
    if (period === null || period === undefined) return null;
    if (!Array.isArray(period) || period.length !== 2) {
      throw new TypeError('referencePeriod must be [start, end] dates YYYY-MM-DD, or null');
    }
    return [dateOption(period[0], 'referencePeriod[0]'), dateOption(period[1], 'referencePeriod[1]')];
  }

  // ------------------------------------------------------------- interview

  class PageNotFound extends Error {
    constructor(message) {
      super(message);
      this.name = 'PageNotFound';
    }
  }

  function pageId(section, instance) {
    return instance === null ? section.section.name : section.section.name + '/' + instance;
  }

  /** The answers of a page without creating its repeat instance. */
  function peek(answers, section, instance) {
    if (section.repeat === null || instance === null) return answers;
    var instances = get(answers, section.repeat.code);
    if (Array.isArray(instances) && instance <= instances.length) {
      var found = instances[instance - 1];
      return isDict(found) ? found : {};
    }
    return {};
  }

  function store(held, code, value) {
    if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0) ||
        (typeof value === 'number' && value !== value)) {
      delete held[code];
    } else {
      held[code] = value;
    }
  }

  function dateText(bound, context) {
    if (bound === null) return null;
    if (typeof bound === 'string') return bound;
    return firstCodePoints(toString(evaluate(bound, context)), 10) || null;
  }

  function Interview(doc, answers, options) {
    var opts = options || {};
    var plan = planFor(doc);
    var language = opts.language;
    if (plan.languages.indexOf(language) < 0) {
      throw new RangeError('language ' + pyRepr(language === undefined ? null : language) +
        " is not one of the instrument's " + pyRepr(plan.languages));
    }
    if (answers !== null && answers !== undefined && !isDict(answers)) {
      throw new TypeError('answers must be a mapping (the answers document)');
    }
    this.instrument = doc;
    this.language = language;
    this.today = dateOption(opts.today, 'today');
    this.referencePeriod = periodOf(opts);
    this._plan = plan;
    this._answers = copyDocument(answers || {});
    this._refs = null;
    settle(plan, this._answers, this.today, 0);
  }

  Object.defineProperty(Interview.prototype, 'answers', {
    get: function () { return copyDocument(this._answers); },
  });

  Interview.prototype._context = function (answers, section, instance) {
    if (instance === null || section.repeat === null) return new Context(this._plan, answers, this.today);
    var code = section.repeat.code;
    var instances = get(answers, code) || [];
    var held = instance <= instances.length ? instances[instance - 1] : {};
    return new Context(this._plan, answers, this.today, held, instance, code);
  };

  Interview.prototype._pageRefs = function () {
    if (this._refs !== null) return this._refs;
    var refs = [];
    var context = new Context(this._plan, this._answers, this.today);
    this._plan.sections.forEach(function (section) {
      if (!section.units.length || !sectionOn(section, context)) return;
      if (section.repeat === null) {
        refs.push([section, null]);
      } else {
        var count = instanceCount(section, context);
        for (var position = 1; position <= count; position++) refs.push([section, position]);
      }
    });
    this._refs = refs;
    return refs;
  };

  Interview.prototype.pageIds = function () {
    return this._pageRefs().map(function (ref) { return pageId(ref[0], ref[1]); });
  };

  Interview.prototype._resolve = function (id) {
    var refs = this._pageRefs();
    for (var i = 0; i < refs.length; i++) {
      if (pageId(refs[i][0], refs[i][1]) === id) return refs[i];
    }
    throw new PageNotFound('no page ' + pyRepr(id) + ' is asked in this interview');
  };

  Interview.prototype.pages = function () {
    var self = this;
    return this._pageRefs().map(function (ref) { return self._buildPage(ref[0], ref[1]); });
  };

  Interview.prototype.page = function (id) {
    var ref = this._resolve(id);
    return this._buildPage(ref[0], ref[1]);
  };

  Interview.prototype._neighbour = function (id, step) {
    var ids = this.pageIds();
    var index = ids.indexOf(id);
    if (index < 0) throw new PageNotFound('no page ' + pyRepr(id) + ' is asked in this interview');
    var next = index + step;
    return next >= 0 && next < ids.length ? ids[next] : null;
  };

  Interview.prototype.nextPageId = function (id) { return this._neighbour(id, 1); };
  Interview.prototype.previousPageId = function (id) { return this._neighbour(id, -1); };

  Interview.prototype._buildPage = function (section, instance) {
    var context = this._context(this._answers, section, instance);
    var text = section.repeat !== null ? section.repeat.title : section.section.title;
    var title = renderText(text, this.language, this._plan, context);
    var held = peek(this._answers, section, instance);
    var self = this;
    var items = section.units.map(function (unit) { return self._view(unit, context, held); });
    return { id: pageId(section, instance), section: section.section.name, title: title, instance: instance, items: items };
  };

  function itemView(fields) {
    var view = {
      code: fields.code, type: fields.type, label: fields.label, hint: fields.hint,
      required: fields.required, relevant: fields.relevant, value: fields.value,
      choices: fields.choices || [], specialCodes: fields.specialCodes || [],
      min: fields.min === undefined ? null : fields.min, max: fields.max === undefined ? null : fields.max,
      maxLength: fields.maxLength === undefined ? null : fields.maxLength,
      constraintMessage: fields.constraintMessage === undefined ? null : fields.constraintMessage,
      relevantExpression: fields.relevantExpression === undefined ? null : fields.relevantExpression,
      inputName: fields.code,
      rows: fields.rows || [],
    };
    return view;
  }

  Interview.prototype._view = function (unit, context, held) {
    var item = unit.item;
    var language = this.language;
    var plan = this._plan;
    var relevant = context.holds(unit.relevant);
    var label = renderText(item.label, language, plan, context);
    var hint = item.hint ? renderText(item.hint, language, plan, context) : null;
    var own = item.relevant === undefined ? null : item.relevant;
    if (item.type === 'note') {
      return itemView({ code: item.code, type: 'note', label: label, hint: hint, required: false,
        relevant: relevant, value: null, relevantExpression: own });
    }
    if (item.type === 'grid') {
      var self = this;
      var rows = unit.fields.map(function (field) {
        return self._fieldView(field, context, held, relevant && context.holds(field.relevant));
      });
      var first = unit.fields[0];
      return itemView({ code: item.code, type: 'grid', label: label, hint: hint, required: item.required === true,
        relevant: relevant, value: null, choices: this._choices(first), specialCodes: first.specialCodes.slice(),
        relevantExpression: own, rows: rows });
    }
    return this._fieldView(unit.fields[0], context, held, relevant);
  };

  Interview.prototype._choices = function (field) {
    var language = this.language;
    var fallback = this._plan.defaultLanguage;
    var listed = field.choices.map(function (choice) {
      return [choice.code, get(choice.label, language) || get(choice.label, fallback) || ''];
    });
    return listed.concat(field.specialCodes.map(function (code) { return [code, specialLabel(code, language)]; }));
  };

  Interview.prototype._fieldView = function (field, context, held, relevant) {
    var item = field.item;
    var language = this.language;
    var plan = this._plan;
    var minimum = field.minimum;
    var maximum = field.maximum;
    if (field.kind === 'date') {
      minimum = dateText(field.dateMin, context);
      maximum = dateText(field.dateMax, context);
    } else if (field.kind === 'month' && this.referencePeriod !== null) {
      // the months a month item accepts (checkMonth), shown before answering
      minimum = this.referencePeriod[0].slice(0, 7);
      maximum = this.referencePeriod[1].slice(0, 7);
    }
    var constraintMessage = null;
    if (item.constraint_message !== undefined && item.constraint_message !== null) {
      constraintMessage = renderText(item.constraint_message, language, plan, context);
    }
    return itemView({
      code: field.code,
      type: field.kind,
      label: renderText(item.label, language, plan, context),
      hint: item.hint ? renderText(item.hint, language, plan, context) : null,
      required: field.required,
      relevant: relevant,
      value: copyDocument(get(held, field.code)),
      choices: this._choices(field),
      specialCodes: field.specialCodes.slice(),
      min: minimum,
      max: maximum,
      maxLength: field.maxLength,
      constraintMessage: constraintMessage,
      relevantExpression: item.relevant === undefined ? null : item.relevant,
    });
  };

  Interview.prototype._held = function (answers, section, instance) {
    if (section.repeat === null || instance === null) return answers;
    var code = section.repeat.code;
    if (!has(answers, code) || answers[code] === null || answers[code] === undefined) answers[code] = [];
    var instances = answers[code];
    while (instances.length < instance) instances.push({});
    return instances[instance - 1];
  };

  /** Accept the form of one page; on any error store nothing and say why per field. */
  Interview.prototype.applyPage = function (id, raw) {
    var ref = this._resolve(id);
    var section = ref[0];
    var instance = ref[1];
    var form = isDict(raw) ? raw : {};
    var tentative = copyDocument(this._answers);
    var held = this._held(tentative, section, instance);
    var context = this._context(tentative, section, instance);
    var errors = [];
    for (var i = 0; i < section.fields.length; i++) {
      var field = section.fields[i];
      var relevant = context.holds(field.relevant);
      if (field.calculation !== null) {
        store(held, field.code, relevant ? evaluate(field.calculation, context) : null);
        continue;
      }
      if (!relevant) {
        delete held[field.code];
        continue;
      }
      var parsed = parseRaw(field, get(form, field.code), this.language);
      var value = parsed[0];
      var problem = parsed[1];
      if (problem === null && value === null && field.required) problem = message('required', this.language);
      if (problem === null && value !== null) problem = this._check(field, value, context);
      if (problem !== null) {
        errors.push({ code: field.code, message: problem });
        delete held[field.code];
        continue;
      }
      store(held, field.code, value);
    }
    if (errors.length) return errors;
    // With expressions reading only earlier items, the sections before this page read
    // nothing that changed and stay as they are.
    var start = this._plan.settlesInOrder ? this._plan.sectionIndex.get(section.section.name) : 0;
    settle(this._plan, tentative, this.today, start);
    this._answers = tentative;
    this._refs = null;
    return [];
  };

  Interview.prototype._check = function (field, value, context) {
    var problem = checkValue(field, value, this.language, context, this.referencePeriod);
    if (problem !== null || field.constraint === null || contains(field.specialCodes, value)) return problem;
    context.currentValue = value;
    var passed;
    try {
      passed = toBoolean(evaluate(field.constraint, context));
    } finally {
      context.currentValue = null;
    }
    if (passed) return null;
    var text = field.item.constraint_message;
    if (text === undefined || text === null) return message('invalid', this.language);
    return renderText(text, this.language, this._plan, context);
  };

  /** [unanswered relevant required items, answered relevant items] of a page. */
  Interview.prototype._missing = function (section, instance) {
    var context = this._context(this._answers, section, instance);
    var held = peek(this._answers, section, instance);
    var missing = 0;
    var answered = 0;
    section.units.forEach(function (unit) {
      if (!context.holds(unit.relevant)) return;
      unit.fields.forEach(function (field) {
        if (field.grid !== null && !context.holds(field.relevant)) return;
        if (has(held, field.code)) answered++;
        else if (field.required) missing++;
      });
    });
    return [missing, answered];
  };

  /** [pages done, pages asked]. */
  Interview.prototype.progress = function () {
    var refs = this._pageRefs();
    var done = 0;
    for (var i = 0; i < refs.length; i++) {
      var counts = this._missing(refs[i][0], refs[i][1]);
      var hasFields = refs[i][0].units.some(function (unit) { return unit.fields.length > 0; });
      if (counts[0] === 0 && (counts[1] > 0 || !hasFields)) done++;
    }
    return [done, refs.length];
  };

  /** Whether every relevant required item of every asked page is answered. */
  Interview.prototype.isComplete = function () {
    var refs = this._pageRefs();
    for (var i = 0; i < refs.length; i++) {
      if (this._missing(refs[i][0], refs[i][1])[0] !== 0) return false;
    }
    return true;
  };

  function createInterview(doc, answers, options) {
    return new Interview(doc, answers, options);
  }

  // ------------------------------------------------------ validateAnswers

  /** Every problem of a complete answers document, [{path, message}] (Python's validate_answers). */
  function validateAnswers(doc, answers, options) {
    if (!isDict(answers)) return [{ path: '', message: 'the answers document must be a JSON object' }];
    var opts = options || {};
    var plan = planFor(doc);
    var validator = new Validator(plan, dateOption(opts.today, 'today'), periodOf(opts));
    return validator.run(answers);
  }

  function Validator(plan, today, period) {
    this.plan = plan;
    this.today = today;
    this.period = period;
    this.problems = [];
  }

  Validator.prototype.report = function (path, text) {
    this.problems.push({ path: path, message: text });
  };

  Validator.prototype.run = function (answers) {
    var plan = this.plan;
    for (var key in answers) {
      if (!has(answers, key) || plan.topLevel.has(key)) continue;
      var repeat = plan.repeatOf.get(key);
      if (repeat) this.report(key, 'belongs to repeat ' + pyRepr(repeat.code) + ' and must be inside its instances');
      else if (plan.codes.has(key)) this.report(key, 'this item takes no answer');
      else this.report(key, 'unknown item code');
    }
    var clean = {};
    for (var s = 0; s < plan.sections.length; s++) {
      var section = plan.sections[s];
      var context = new Context(plan, clean, this.today);
      var asked = sectionOn(section, context);
      if (section.repeat === null) this.fields(section.fields, answers, clean, context, asked, '');
      else this.repeat(section, answers, clean, context, asked);
    }
    return this.problems;
  };

  Validator.prototype.repeat = function (section, answers, clean, context, asked) {
    var code = section.repeat.code;
    var given = get(answers, code);
    var count = asked ? instanceCount(section, context) : 0;
    if (given === null) given = [];
    if (!Array.isArray(given) || !given.every(isDict)) {
      this.report(code, 'must be a list of objects, one per instance');
      return;
    }
    if (!asked && given.length) {
      this.report(code, 'answered, but the skip logic leaves this repeat out');
      return;
    }
    if (given.length > count) this.report(code, 'has ' + given.length + ' instances but its count gives ' + count);
    var allowed = new Set(section.fields.map(function (f) { return f.code; }));
    var instances = [];
    clean[code] = instances;
    for (var position = 1; position <= count; position++) {
      var instance = position <= given.length ? given[position - 1] : {};
      var prefix = code + '[' + position + '].';
      for (var key in instance) {
        if (has(instance, key) && !allowed.has(key)) this.report(prefix + key, 'not an item of repeat ' + pyRepr(code));
      }
      var held = {};
      instances.push(held);
      var inner = new Context(this.plan, clean, this.today, held, position, code);
      this.fields(section.fields, instance, held, inner, true, prefix);
    }
  };

  Validator.prototype.fields = function (fields, given, clean, context, asked, prefix) {
    for (var i = 0; i < fields.length; i++) {
      var field = fields[i];
      var path = prefix + field.code;
      var relevant = asked && context.holds(field.relevant);
      if (field.calculation !== null) {
        if (relevant) clean[field.code] = evaluate(field.calculation, context);
        continue;
      }
      var value = get(given, field.code);
      if (!relevant) {
        if (value !== null) this.report(path, 'answered, but the skip logic leaves this item out');
        continue;
      }
      if (value === null) {
        if (field.required) this.report(path, 'required but not answered');
        continue;
      }
      if (value === '' || (Array.isArray(value) && value.length === 0)) {
        this.report(path, 'blank answer: leave unanswered items out');
        continue;
      }
      var problem = typeProblem(field, value) || checkValue(field, value, 'en', context, this.period);
      if (problem === null && field.constraint !== null && !contains(field.specialCodes, value)) {
        context.currentValue = value;
        if (!toBoolean(evaluate(field.constraint, context))) {
          var text = field.item.constraint_message;
          var detail = text ? renderText(text, this.plan.defaultLanguage, this.plan, context) : '';
          problem = 'fails its constraint' + (detail ? ': ' + detail : '');
        }
        context.currentValue = null;
      }
      if (problem !== null) {
        this.report(path, problem + ' (got ' + pyRepr(value) + ')');
        continue;
      }
      clean[field.code] = value;
    }
  };

  return {
    createInterview: createInterview,
    validateAnswers: validateAnswers,
    setMessages: setMessages,
    messages: function () { return MESSAGES; },
    PageNotFound: PageNotFound,
    Interview: Interview,
  };
});
