// The within-household selection rule: which adult of a household is interviewed.
// One rule, two implementations: this module and surveyapp/services/selection.py (which
// documents the rule and recomputes every draw the server receives), held together by
// tests/fixtures/selection/cases.json (node: tests/js/selection.test.cjs).

export const METHODS = ['kish', 'next_birthday', 'last_birthday'];
export const SEXES = ['m', 'f', 'x']; // Kish lists men, then women, then anyone else
export const ADULT_AGE = 18;
const YEAR_DAYS = 366; // 02-29 is a day of every year: everyone has a birthday every year
const MONTH_START = [0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335];
const MONTH_DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** 0-based day of "MM-DD" (also the month and day of "YYYY-MM-DD") in a 366-day year. */
export function dayOfYear(monthDay) {
  const found = /^(?:\d{4}-)?(\d{2})-(\d{2})$/.exec(String(monthDay));
  if (!found) throw new RangeError(`${monthDay} is not a month and day like 07-14`);
  const month = Number(found[1]);
  const day = Number(found[2]);
  if (month < 1 || month > 12 || day < 1 || day > MONTH_DAYS[month - 1]) {
    throw new RangeError(`${monthDay} is not a day of the year`);
  }
  return MONTH_START[month - 1] + day - 1;
}

/**
 * The selected adult: {selectedLine, eligibleAdults, factor}.
 * roster: [{line, sex: 'm'|'f'|'x', age, birthday: 'MM-DD' (birthday methods)}];
 * seed: the unit's selection_seed; today: the interview date 'YYYY-MM-DD' (birthday methods).
 * No eligible adult: {selectedLine: null, eligibleAdults: 0, factor: 0}.
 */
export function selectAdult({ method, seed, roster, today }) {
  if (!METHODS.includes(method)) throw new RangeError(`unknown selection method ${method}`);
  if (!Number.isSafeInteger(seed) || seed < 0) throw new RangeError('seed must be a whole number');
  const adults = roster.filter((p) => p.age >= ADULT_AGE);
  const n = adults.length;
  if (n === 0) return { selectedLine: null, eligibleAdults: 0, factor: 0 };
  if (method === 'kish') {
    const ordered = [...adults].sort((a, b) =>
      SEXES.indexOf(a.sex) - SEXES.indexOf(b.sex) || b.age - a.age || a.line - b.line);
    return { selectedLine: ordered[seed % n].line, eligibleAdults: n, factor: n };
  }
  if (!today) throw new RangeError('the birthday methods need the interview date');
  const now = dayOfYear(today);
  const distance = (p) => {
    const day = dayOfYear(p.birthday);
    const d = method === 'next_birthday' ? day - now - 1 : now - day; // next: tomorrow 0 .. today 365
    return ((d % YEAR_DAYS) + YEAR_DAYS) % YEAR_DAYS; // last: today 0 .. tomorrow 365
  };
  const nearest = Math.min(...adults.map(distance));
  const tied = adults.filter((p) => distance(p) === nearest).sort((a, b) => a.line - b.line);
  return { selectedLine: tied[seed % tied.length].line, eligibleAdults: n, factor: n };
}

/**
 * Roster sex codes as the questionnaire's `dem_sex` codes (1 man, 2 woman); 'x' has none.
 * The same mapping as ROSTER_SEX_ANSWER in surveyapp/services/households.py (which checks the
 * answers sent against the list): change the two together.
 */
export const ROSTER_SEX_ANSWER = Object.freeze({ m: '1', f: '2' });

/**
 * What the household list already answers, as typed answers: the standard questionnaire's
 * household size and number of adults (`hh_size`, `hh_adults`: people listed, and those aged
 * ADULT_AGE or more, the adults the selection counts) and, given the selected line, that
 * person's sex and age (`dem_sex`, `dem_age`; a sex the questionnaire has no code for, or an
 * age not recorded, is left out). Empty for an empty list.
 */
export function rosterAnswers(roster, selectedLine) {
  if (!Array.isArray(roster) || !roster.length) return {};
  const known = {
    hh_size: String(roster.length),
    hh_adults: String(roster.filter((p) => p.age >= ADULT_AGE).length),
  };
  const person = selectedLine === null || selectedLine === undefined ? null : roster.find((p) => p.line === selectedLine);
  if (person) {
    if (Object.hasOwn(ROSTER_SEX_ANSWER, person.sex)) known.dem_sex = ROSTER_SEX_ANSWER[person.sex];
    if (Number.isSafeInteger(person.age) && person.age >= 0) known.dem_age = String(person.age);
  }
  return known;
}
