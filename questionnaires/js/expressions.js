/*
 * The questionnaire expression language in the browser: the same parser and
 * semantics as the Python package questionnaires.expressions (see
 * questionnaires/docs/expressions.md). One plain file, no dependencies, no build:
 * a classic <script src> defines window.SurveyExpr; require() returns the API.
 * Both evaluators are held to tests/fixtures/expressions/conformance.json.
 */
(function (root, factory) {
  'use strict';
  var api = factory();
  if (typeof module === 'object' && module && module.exports) {
    module.exports = api;
  } else {
    root.SurveyExpr = api;
  }
})(typeof self !== 'undefined' ? self : this, function () {
  'use strict';

  // ---------------------------------------------------------------- errors

  class ExpressionError extends Error {
    constructor(message) {
      super(message);
      this.name = 'ExpressionError';
    }
  }

  /** A syntax error at a 0-based position (counted in characters, as in Python). */
  class ExpressionSyntaxError extends ExpressionError {
    constructor(detail, position, source) {
      var where = 'at position ' + position;
      if (source) where += ' in ' + JSON.stringify(source);
      super(detail + ' ' + where);
      this.name = 'ExpressionSyntaxError';
      this.detail = detail;
      this.position = position;
      this.source = source || '';
    }
  }

  // ------------------------------------------------------------- coercions

  var SAFE_INTEGER = 9007199254740992; // 2 ** 53
  var NUMBER_TEXT = /^[ \t\n\r]*(-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))[ \t\n\r]*$/;
  var DATE_TEXT = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/;
  var MONTH_TEXT = /^([0-9]{4})-([0-9]{2})$/;
  var CODE = /[^ \t\n\r]+/g;

  function isBlankValue(value) {
    return value === null || value === undefined;
  }

  function toBoolean(value) {
    if (isBlankValue(value)) return false;
    switch (typeof value) {
      case 'boolean': return value;
      case 'number': return value === value && value !== 0;
      case 'string': return value.length > 0;
      default:
        if (Array.isArray(value)) return value.length > 0;
        return toString(value) !== '';
    }
  }

  function toNumber(value) {
    if (typeof value === 'number') return value;
    if (typeof value === 'boolean') return value ? 1 : 0;
    if (isBlankValue(value)) return NaN;
    var text = typeof value === 'string' ? value : toString(value);
    var match = NUMBER_TEXT.exec(text);
    if (match !== null) return Number(match[1]);
    var days = dateToDays(text);
    return days === null ? NaN : days;
  }

  function toString(value) {
    if (typeof value === 'string') return value;
    if (isBlankValue(value)) return '';
    if (typeof value === 'boolean') return value ? 'true' : 'false';
    if (typeof value === 'number') return formatNumber(value);
    if (Array.isArray(value)) return value.map(toString).join(' ');
    return String(value);
  }

  function formatNumber(x) {
    if (x !== x) return '';
    return String(x); // -0 -> "0", Infinity -> "Infinity", 1e21 -> "1e+21"
  }

  function isBlank(value) {
    return toString(value) === '';
  }

  function selectedCodes(value) {
    return toString(value).match(CODE) || [];
  }

  /** Shortest round-trip digits of finite x > 0 and n with x = 0.DIGITS * 10 ** n. */
  function shortestDigits(x) {
    var parts = x.toExponential().split('e');
    var digits = parts[0].replace('.', '').replace(/0+$/, '');
    return [digits, Number(parts[1]) + 1];
  }

  function formatLiteral(x) {
    if (!isFinite(x)) throw new RangeError(x + ' cannot be written as a number literal');
    if (x === 0) return '0';
    var sign = x < 0 ? '-' : '';
    var sd = shortestDigits(Math.abs(x));
    var digits = sd[0];
    var n = sd[1];
    if (n >= digits.length) return sign + digits + '0'.repeat(n - digits.length);
    if (n > 0) return sign + digits.slice(0, n) + '.' + digits.slice(n);
    return sign + '0.' + '0'.repeat(-n) + digits;
  }

  function roundHalfAway(x, places) {
    if (x !== x || places !== places) return NaN;
    if (x === 0 || !isFinite(x)) return x;
    var placesInt = Math.trunc(Math.max(-400, Math.min(400, places)));
    var sd = shortestDigits(Math.abs(x));
    var digits = sd[0];
    var point = sd[1];
    var keep = point + placesInt;
    if (keep >= digits.length) return x;
    var sign = x < 0 ? -1 : 1;
    if (keep < 0) return sign * 0;
    var kept = BigInt(digits.slice(0, keep) || '0');
    if (digits[keep] >= '5') kept += 1n;
    return sign * Number(kept.toString() + 'e' + (point - keep));
  }

  function divide(x, y) {
    return x / y; // IEEE: x div 0 is +-Infinity, 0 div 0 NaN
  }

  function modulo(x, y) {
    if (y === 0 || !isFinite(x) || y !== y) return NaN;
    return x % y;
  }

  function valuesEqual(a, b) {
    if (typeof a === 'number' || typeof b === 'number') return toNumber(a) === toNumber(b);
    if (typeof a === 'boolean' || typeof b === 'boolean') return toBoolean(a) === toBoolean(b);
    return toString(a) === toString(b);
  }

  /** -1, 0, 1, or null when unordered (NaN), for < <= > >=. */
  function order(a, b) {
    if (typeof a === 'string' && typeof b === 'string') {
      var keyA = dateKey(a);
      if (keyA !== null) {
        var keyB = dateKey(b);
        if (keyB !== null) {
          var length = Math.min(keyA.length, keyB.length); // a month against a date: months
          for (var i = 0; i < length; i++) {
            if (keyA[i] !== keyB[i]) return keyA[i] < keyB[i] ? -1 : 1;
          }
          return 0;
        }
      }
    }
    var x = toNumber(a);
    var y = toNumber(b);
    if (x !== x || y !== y) return null;
    return x < y ? -1 : x > y ? 1 : 0;
  }

  function daysInMonth(year, month) {
    if (month === 2) {
      var leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
      return leap ? 29 : 28;
    }
    return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  }

  function validDate(year, month, day) {
    return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
  }

  function dateKey(text) {
    var match = DATE_TEXT.exec(text);
    if (match !== null) {
      var year = Number(match[1]), month = Number(match[2]), day = Number(match[3]);
      return validDate(year, month, day) ? [year, month, day] : null;
    }
    match = MONTH_TEXT.exec(text);
    if (match !== null) {
      var y = Number(match[1]), m = Number(match[2]);
      if (y >= 1 && m >= 1 && m <= 12) return [y, m];
    }
    return null;
  }

  /** Days from 1970-01-01 to a valid 'YYYY-MM-DD' date, else null (same arithmetic as Python). */
  function dateToDays(text) {
    var match = DATE_TEXT.exec(text);
    if (match === null) return null;
    var year = Number(match[1]), month = Number(match[2]), day = Number(match[3]);
    if (!validDate(year, month, day)) return null;
    var y = month <= 2 ? year - 1 : year;
    var era = Math.floor(y / 400);
    var yoe = y - era * 400;
    var doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
    var doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
    return era * 146097 + doe - 719468;
  }

  // ------------------------------------------------------------------ lexer

  var WHITESPACE = ' \t\n\r';
  var NAME_START = /[A-Za-z_]/;
  var NAME_CHAR = /[A-Za-z0-9_]/;
  var REF_CHAR = /[A-Za-z0-9_.\-]/;
  var DIGIT = /[0-9]/;
  var OPERATORS = ['!=', '<=', '>=', '=', '<', '>', '+', '-', '*'];
  var PUNCTUATION = { '(': 'LPAREN', ')': 'RPAREN', ',': 'COMMA' };

  function tokenize(source) {
    var chars = Array.from(source); // code points, so positions match Python's
    var n = chars.length;
    var tokens = [];
    var i = 0;
    function at(k) { return k < n ? chars[k] : ''; }
    function fail(message, position) { throw new ExpressionSyntaxError(message, position, source); }
    while (i < n) {
      var ch = chars[i];
      var start = i;
      if (WHITESPACE.indexOf(ch) >= 0) { i++; continue; }
      if (DIGIT.test(ch) || (ch === '.' && DIGIT.test(at(i + 1)))) {
        while (DIGIT.test(at(i))) i++;
        if (at(i) === '.') { i++; while (DIGIT.test(at(i))) i++; }
        tokens.push({ kind: 'NUMBER', text: chars.slice(start, i).join(''), position: start });
        continue;
      }
      if (ch === '.') {
        if (at(i + 1) === '.') { tokens.push({ kind: 'DOTDOT', text: '..', position: i }); i += 2; }
        else { tokens.push({ kind: 'DOT', text: '.', position: i }); i += 1; }
        continue;
      }
      if (ch === "'" || ch === '"') {
        var end = chars.indexOf(ch, i + 1);
        if (end < 0) fail('unterminated string', i);
        tokens.push({ kind: 'STRING', text: chars.slice(i + 1, end).join(''), position: i });
        i = end + 1;
        continue;
      }
      if (ch === '$') {
        if (at(i + 1) !== '{') fail("'$' must start a reference like ${name}", i);
        var k = i + 2;
        if (!NAME_START.test(at(k))) fail("'${' must be followed by a name", k);
        while (REF_CHAR.test(at(k))) k++;
        if (at(k) !== '}') fail("missing '}' after the reference name", k);
        tokens.push({ kind: 'REFERENCE', text: chars.slice(i + 2, k).join(''), position: i });
        i = k + 1;
        continue;
      }
      if (Object.prototype.hasOwnProperty.call(PUNCTUATION, ch)) {
        tokens.push({ kind: PUNCTUATION[ch], text: ch, position: i });
        i++;
        continue;
      }
      var operator = null;
      for (var o = 0; o < OPERATORS.length; o++) {
        var op = OPERATORS[o];
        if (chars.slice(i, i + op.length).join('') === op) { operator = op; break; }
      }
      if (operator !== null) {
        tokens.push({ kind: 'OPERATOR', text: operator, position: i });
        i += operator.length;
        continue;
      }
      if (NAME_START.test(ch)) {
        // A hyphen belongs to a name only when a letter follows: `5 mod-1` is `5 mod -1`.
        while (true) {
          while (NAME_CHAR.test(at(i))) i++;
          if (at(i) === '-' && NAME_START.test(at(i + 1))) { i++; continue; }
          break;
        }
        tokens.push({ kind: 'NAME', text: chars.slice(start, i).join(''), position: start });
        continue;
      }
      fail('unexpected character ' + pyRepr(ch), i);
    }
    tokens.push({ kind: 'END', text: '', position: n });
    return tokens;
  }

  function pyRepr(ch) {
    return ch === "'" ? '"\'"' : "'" + ch + "'";
  }

  // ------------------------------------------------------------ syntax tree

  var PRECEDENCE_LEVELS = [
    ['or'], ['and'], ['=', '!='], ['<', '<=', '>', '>='], ['+', '-'], ['*', 'div', 'mod'],
  ];
  var PRECEDENCE = {};
  PRECEDENCE_LEVELS.forEach(function (ops, level) {
    ops.forEach(function (op) { PRECEDENCE[op] = level + 1; });
  });
  var UNARY_PRECEDENCE = PRECEDENCE_LEVELS.length + 1;
  var ATOM = UNARY_PRECEDENCE + 1;
  var WORD_OPERATORS = { and: true, or: true, div: true, mod: true };
  var MAX_DEPTH = 50;
  var MAX_TREE_DEPTH = 200;

  // Node constructors: plain objects with a `type` named like the Python classes.
  var node = {
    Number: function (value, position) { return { type: 'Number', value: value, position: position }; },
    String: function (value, position) { return { type: 'String', value: value, position: position }; },
    Reference: function (name, position) { return { type: 'Reference', name: name, position: position }; },
    Current: function (position) { return { type: 'Current', position: position }; },
    Parent: function (position) { return { type: 'Parent', position: position }; },
    Negate: function (operand, position) { return { type: 'Negate', operand: operand, position: position }; },
    Binary: function (op, left, right, position) {
      return { type: 'Binary', op: op, left: left, right: right, position: position };
    },
    Call: function (name, args, position) { return { type: 'Call', name: name, args: args, position: position }; },
  };

  function children(tree) {
    if (tree.type === 'Binary') return [tree.left, tree.right];
    if (tree.type === 'Negate') return [tree.operand];
    if (tree.type === 'Call') return tree.args;
    return [];
  }

  function walk(tree) {
    var out = [];
    var stack = [tree];
    while (stack.length) {
      var current = stack.pop();
      out.push(current);
      var kids = children(current);
      for (var i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
    }
    return out;
  }

  function treeDepth(tree) {
    var deepest = 0;
    var stack = [[tree, 1]];
    while (stack.length) {
      var item = stack.pop();
      if (item[1] > deepest) deepest = item[1];
      children(item[0]).forEach(function (kid) { stack.push([kid, item[1] + 1]); });
    }
    return deepest;
  }

  // ----------------------------------------------------------------- parser

  function describe(token) {
    if (token.kind === 'END') return 'the end of the expression';
    if (token.kind === 'STRING') return 'a string';
    if (token.kind === 'REFERENCE') return '${' + token.text + '}';
    return "'" + token.text + "'";
  }

  function arityText(spec) {
    var plural = function (k) { return k + ' argument' + (k === 1 ? '' : 's'); };
    if (spec.max === null) return 'at least ' + plural(spec.min);
    if (spec.min === spec.max) return plural(spec.min);
    return spec.min + ' to ' + spec.max + ' arguments';
  }

  function parseTree(source) {
    if (typeof source !== 'string') throw new TypeError('an expression must be a string');
    var tokens = tokenize(source);
    var index = 0;
    var depth = 0;

    function token() { return tokens[index]; }
    function advance() { return tokens[index++]; }
    function fail(message, position) {
      throw new ExpressionSyntaxError(message, position === undefined ? token().position : position, source);
    }
    function enter(tok) {
      depth++;
      if (depth > MAX_DEPTH) fail('expression nested too deeply', tok.position);
    }
    function expect(kind, wanted) {
      if (token().kind !== kind) fail('expected ' + wanted + ', found ' + describe(token()));
      return advance();
    }
    function operator() {
      var tok = token();
      if ((tok.kind === 'OPERATOR' || tok.kind === 'NAME') && has(PRECEDENCE, tok.text)) return tok.text;
      return null;
    }
    // Precedence climbing: operators binding at least as tight as `weakest`.
    function binary(weakest) {
      var left = unary();
      var op;
      while ((op = operator()) !== null && PRECEDENCE[op] >= weakest) {
        var position = advance().position;
        var right = binary(PRECEDENCE[op] + 1); // +1: operators associate to the left
        left = node.Binary(op, left, right, position);
      }
      return left;
    }
    function unary() {
      var tok = token();
      if (tok.kind === 'OPERATOR' && tok.text === '-') {
        advance();
        enter(tok);
        var operand = unary();
        depth--;
        return node.Negate(operand, tok.position);
      }
      return primary();
    }
    function primary() {
      var tok = advance();
      switch (tok.kind) {
        case 'NUMBER': return node.Number(Number(tok.text), tok.position);
        case 'STRING': return node.String(tok.text, tok.position);
        case 'REFERENCE': return node.Reference(tok.text, tok.position);
        case 'DOT': return node.Current(tok.position);
        case 'DOTDOT': return fail("'..' is only allowed in position(..)", tok.position);
        case 'LPAREN': {
          enter(tok);
          var inner = binary(1);
          depth--;
          expect('RPAREN', "')' to close the '(' at position " + tok.position);
          return inner;
        }
        case 'NAME': return call(tok);
        case 'END': return fail('expression ends too early: a value is missing', tok.position);
        default: return fail('expected a value, found ' + describe(tok), tok.position);
      }
    }
    function call(name) {
      if (token().kind !== 'LPAREN') {
        if (WORD_OPERATORS[name.text]) fail("'" + name.text + "' needs a value before it", name.position);
        fail("unknown name '" + name.text + "': write ${" + name.text + '} to refer to an answer', name.position);
      }
      var spec = Object.prototype.hasOwnProperty.call(FUNCTIONS, name.text) ? FUNCTIONS[name.text] : null;
      if (spec === null) fail("unknown function '" + name.text + "()'", name.position);
      enter(name);
      advance();
      var args = [];
      if (token().kind !== 'RPAREN' || spec.argument === 'parent') {
        args.push(argument(name.text, spec.argument));
        while (token().kind === 'COMMA') {
          advance();
          args.push(argument(name.text, spec.argument));
        }
      }
      expect('RPAREN', "')' or ',' in the call to " + name.text + '()');
      depth--;
      if (args.length < spec.min || (spec.max !== null && args.length > spec.max)) {
        fail(name.text + '() takes ' + arityText(spec) + ', got ' + args.length, name.position);
      }
      return node.Call(name.text, args, name.position);
    }
    function argument(fname, rule) {
      var tok = token();
      if (rule === 'parent') {
        if (tok.kind !== 'DOTDOT') fail(fname + "() takes '..' as its argument: " + fname + '(..)');
        advance();
        return node.Parent(tok.position);
      }
      var arg = binary(1);
      if (rule === 'reference' && arg.type !== 'Reference') {
        fail(fname + '() takes a ${name} reference', tok.position);
      }
      return arg;
    }

    if (token().kind === 'END') fail('empty expression');
    var tree = binary(1);
    if (token().kind !== 'END') fail('unexpected ' + describe(token()));
    if (treeDepth(tree) > MAX_TREE_DEPTH) fail('expression too long or nested too deeply', 0);
    return tree;
  }

  // -------------------------------------------------------------- functions

  /** 'YYYY-MM-DD' from the context's today(): a string, or a Date read in local time. */
  function isoDate(day) {
    if (day instanceof Date) {
      var pad = function (k, width) { return String(k).padStart(width, '0'); };
      return pad(day.getFullYear(), 4) + '-' + pad(day.getMonth() + 1, 2) + '-' + pad(day.getDate(), 2);
    }
    return String(day).slice(0, 10);
  }

  function numbersOverRepeat(ctx, name) {
    var numbers = [];
    var values = ctx.repeatValues(name);
    for (var i = 0; i < values.length; i++) {
      if (isBlank(values[i])) continue;
      var number = toNumber(values[i]);
      if (number !== number) return null;
      numbers.push(number);
    }
    return numbers;
  }

  function extremum(pick) {
    return function (call, args) {
      if (args.length === 1 && call.args[0].type === 'Reference') {
        var name = call.args[0].name;
        return function (ctx) {
          var numbers = numbersOverRepeat(ctx, name);
          return numbers && numbers.length ? pick(numbers) : NaN;
        };
      }
      return function (ctx) {
        var numbers = args.map(function (arg) { return toNumber(arg(ctx)); });
        for (var i = 0; i < numbers.length; i++) if (numbers[i] !== numbers[i]) return NaN;
        return pick(numbers);
      };
    };
  }

  function pickMin(numbers) {
    return numbers.reduce(function (a, b) { return b < a ? b : a; });
  }
  function pickMax(numbers) {
    return numbers.reduce(function (a, b) { return b > a ? b : a; });
  }

  function one(convert) {
    return function (call, args) {
      var arg = args[0];
      return function (ctx) { return convert(arg(ctx)); };
    };
  }

  function spec(min, max, build, argument) {
    return { min: min, max: max, build: build, argument: argument || 'value' };
  }

  var FUNCTIONS = {
    'if': spec(3, 3, function (call, args) {
      return function (ctx) { return toBoolean(args[0](ctx)) ? args[1](ctx) : args[2](ctx); };
    }),
    'selected': spec(2, 2, function (call, args) {
      return function (ctx) {
        var wanted = toString(args[1](ctx)).replace(/^[ \t\n\r]+|[ \t\n\r]+$/g, '');
        return selectedCodes(args[0](ctx)).indexOf(wanted) >= 0;
      };
    }),
    'count-selected': spec(1, 1, function (call, args) {
      return function (ctx) { return selectedCodes(args[0](ctx)).length; };
    }),
    'coalesce': spec(2, null, function (call, args) {
      return function (ctx) {
        var value = null;
        for (var i = 0; i < args.length; i++) {
          value = args[i](ctx);
          if (!isBlank(value)) return value;
        }
        return value;
      };
    }),
    'string-length': spec(1, 1, function (call, args) {
      return function (ctx) { return Array.from(toString(args[0](ctx))).length; };
    }),
    'int': spec(1, 1, function (call, args) {
      return function (ctx) { return Math.trunc(toNumber(args[0](ctx))); };
    }),
    'today': spec(0, 0, function () {
      return function (ctx) { return isoDate(ctx.today()); };
    }),
    'position': spec(1, 1, function () {
      return function (ctx) { return ctx.position(); };
    }, 'parent'),
    'sum': spec(1, 1, function (call) {
      var name = call.args[0].name;
      return function (ctx) {
        var numbers = numbersOverRepeat(ctx, name);
        if (numbers === null) return NaN;
        var total = 0;
        for (var i = 0; i < numbers.length; i++) total += numbers[i];
        return total;
      };
    }, 'reference'),
    'count': spec(1, 1, function (call) {
      var name = call.args[0].name;
      return function (ctx) { return ctx.repeatCount(name); };
    }, 'reference'),
    'min': spec(1, null, extremum(pickMin)),
    'max': spec(1, null, extremum(pickMax)),
    'round': spec(1, 2, function (call, args) {
      return function (ctx) {
        var places = args.length > 1 ? toNumber(args[1](ctx)) : 0;
        return roundHalfAway(toNumber(args[0](ctx)), places);
      };
    }),
    'concat': spec(0, null, function (call, args) {
      return function (ctx) { return args.map(function (arg) { return toString(arg(ctx)); }).join(''); };
    }),
    'number': spec(1, 1, one(toNumber)),
    'string': spec(1, 1, one(toString)),
    'boolean': spec(1, 1, one(toBoolean)),
    'not': spec(1, 1, one(function (value) { return !toBoolean(value); })),
    'true': spec(0, 0, function () { return function () { return true; }; }),
    'false': spec(0, 0, function () { return function () { return false; }; }),
  };

  // -------------------------------------------------------------- evaluator

  var ARITHMETIC = {
    '+': function (x, y) { return x + y; },
    '-': function (x, y) { return x - y; },
    '*': function (x, y) { return x * y; },
    'div': divide,
    'mod': modulo,
  };
  var RELATIONAL = {
    '<': function (c) { return c < 0; },
    '<=': function (c) { return c <= 0; },
    '>': function (c) { return c > 0; },
    '>=': function (c) { return c >= 0; },
  };

  function compileTree(tree) {
    switch (tree.type) {
      case 'Reference': {
        var name = tree.name;
        return function (ctx) { return ctx.value(name); };
      }
      case 'Number':
      case 'String': {
        var constant = tree.value;
        return function () { return constant; };
      }
      case 'Current':
        return function (ctx) { return ctx.current(); };
      case 'Negate': {
        var operand = compileTree(tree.operand);
        return function (ctx) { return -toNumber(operand(ctx)); };
      }
      case 'Binary':
        return compileBinary(tree);
      case 'Call': {
        var args = tree.args.filter(function (arg) { return arg.type !== 'Parent'; }).map(compileTree);
        return FUNCTIONS[tree.name].build(tree, args);
      }
      default:
        throw new TypeError('cannot evaluate a ' + tree.type + ' node on its own');
    }
  }

  function compileBinary(tree) {
    var left = compileTree(tree.left);
    var right = compileTree(tree.right);
    switch (tree.op) {
      case 'or': return function (ctx) { return toBoolean(left(ctx)) || toBoolean(right(ctx)); };
      case 'and': return function (ctx) { return toBoolean(left(ctx)) && toBoolean(right(ctx)); };
      case '=': return function (ctx) { return valuesEqual(left(ctx), right(ctx)); };
      case '!=': return function (ctx) { return !valuesEqual(left(ctx), right(ctx)); };
      default: break;
    }
    if (Object.prototype.hasOwnProperty.call(RELATIONAL, tree.op)) {
      var test = RELATIONAL[tree.op];
      return function (ctx) {
        var c = order(left(ctx), right(ctx));
        return c !== null && test(c);
      };
    }
    var arithmetic = ARITHMETIC[tree.op];
    return function (ctx) { return arithmetic(toNumber(left(ctx)), toNumber(right(ctx))); };
  }

  // ---------------------------------------------------------------- unparse

  function quote(value) {
    if (value.indexOf("'") < 0) return "'" + value + "'";
    if (value.indexOf('"') < 0) return '"' + value + '"';
    throw new RangeError('a string literal cannot hold both quote characters: ' + value);
  }

  function render(tree) {
    switch (tree.type) {
      case 'Number': {
        var text = formatLiteral(tree.value);
        return [text, text.charAt(0) === '-' ? UNARY_PRECEDENCE : ATOM];
      }
      case 'String': return [quote(tree.value), ATOM];
      case 'Reference': return ['${' + tree.name + '}', ATOM];
      case 'Current': return ['.', ATOM];
      case 'Parent': return ['..', ATOM];
      case 'Negate': {
        var inner = render(tree.operand);
        return ['-' + (inner[1] < UNARY_PRECEDENCE ? '(' + inner[0] + ')' : inner[0]), UNARY_PRECEDENCE];
      }
      case 'Binary': {
        var strength = PRECEDENCE[tree.op];
        var left = render(tree.left);
        var right = render(tree.right);
        var l = left[1] < strength ? '(' + left[0] + ')' : left[0];
        // Operators associate to the left, so an equal-strength right side needs brackets.
        var r = right[1] <= strength ? '(' + right[0] + ')' : right[0];
        return [l + ' ' + tree.op + ' ' + r, strength];
      }
      case 'Call':
        return [tree.name + '(' + tree.args.map(function (a) { return render(a)[0]; }).join(', ') + ')', ATOM];
      default:
        throw new TypeError('not an expression node: ' + JSON.stringify(tree));
    }
  }

  /** Canonical text of a tree or an Expression. */
  function unparse(treeOrExpr) {
    var tree = treeOrExpr instanceof Expression ? treeOrExpr.tree : treeOrExpr;
    return render(tree)[0];
  }

  // ------------------------------------------------------------- public API

  function Expression(source, tree) {
    this.source = source;
    this.tree = tree;
    this.run = compileTree(tree);
    var nodes = walk(tree);
    var refs = new Set();
    var funcs = new Set();
    var usesCurrent = false;
    nodes.forEach(function (n) {
      if (n.type === 'Reference') refs.add(n.name);
      else if (n.type === 'Call') funcs.add(n.name);
      else if (n.type === 'Current') usesCurrent = true;
    });
    this._references = Array.from(refs).sort();
    this._functions = Array.from(funcs).sort();
    this._usesCurrent = usesCurrent;
  }
  Expression.prototype.references = function () { return this._references.slice(); };
  Expression.prototype.functions = function () { return this._functions.slice(); };
  Expression.prototype.usesCurrent = function () { return this._usesCurrent; };
  Expression.prototype.toSource = function () { return unparse(this.tree); };
  Expression.prototype.evaluate = function (ctx) { return evaluate(this, ctx); };
  Expression.fromTree = function (tree) { return new Expression(unparse(tree), tree); };

  /** Parse expression text; throws ExpressionSyntaxError with .position. */
  function parse(text) {
    return new Expression(text, parseTree(text));
  }

  /** The value of a parsed expression (or text, parsed on the fly) in ctx. */
  function evaluate(expr, ctx) {
    if (typeof expr === 'string') expr = parse(expr);
    var value = expr.run(ctx);
    return value === 0 ? 0 : value; // -0 -> 0, as Python returns int 0
  }

  /** The sorted names used as ${name}. */
  function references(expr) {
    if (typeof expr === 'string') expr = parse(expr);
    return expr.references();
  }

  function has(object, key) {
    return Object.prototype.hasOwnProperty.call(object, key);
  }

  /**
   * A context over plain objects, mirroring Python's MappingContext:
   * {answers, current, position, repeats: {code: [instance, ...]}, today: 'YYYY-MM-DD'}.
   */
  function mappingContext(options) {
    var opts = options || {};
    var answers = opts.answers || {};
    var repeats = opts.repeats || {};
    var current = has(opts, 'current') ? opts.current : null;
    var position = has(opts, 'position') ? opts.position : null;
    var today = has(opts, 'today') ? opts.today : null;

    function instancesHolding(name) {
      for (var code in repeats) {
        if (!has(repeats, code)) continue;
        var instances = repeats[code];
        if (instances.some(function (inst) { return has(inst, name); })) return instances;
      }
      return null;
    }
    var ctx = {
      value: function (name) { return has(answers, name) ? answers[name] : null; },
      current: function () { return current === undefined ? null : current; },
      position: function () {
        if (position === null || position === undefined) {
          throw new ExpressionError('position(..) is only available inside a repeat');
        }
        return position;
      },
      repeatValues: function (name) {
        var instances = instancesHolding(name);
        if (instances === null) return [ctx.value(name)];
        return instances.map(function (inst) { return has(inst, name) ? inst[name] : null; });
      },
      repeatCount: function (name) {
        if (has(repeats, name)) return repeats[name].length;
        return ctx.repeatValues(name).filter(function (v) { return !isBlank(v); }).length;
      },
      today: function () {
        if (today === null || today === undefined) {
          throw new ExpressionError('today() needs a date: pass today to the context');
        }
        return today;
      },
    };
    return ctx;
  }

  return {
    parse: parse,
    evaluate: evaluate,
    references: references,
    unparse: unparse,
    walk: walk,
    mappingContext: mappingContext,
    toBoolean: toBoolean,
    toNumber: toNumber,
    toString: toString,
    formatNumber: formatNumber,
    isBlank: isBlank,
    Expression: Expression,
    ExpressionError: ExpressionError,
    ExpressionSyntaxError: ExpressionSyntaxError,
    FUNCTIONS: Object.keys(FUNCTIONS).sort(),
    node: node,
  };
});
