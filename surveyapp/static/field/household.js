// Before and around the questionnaire: visits to a unit (contact attempts) and the household
// roster with the selection of the adult to interview (selection.js, the server's rule).
import { MAX_APPOINTMENT_DAYS, addDays, appointmentProblem } from './cards.js';
import { t, tn, uiLanguage } from './i18n.js';
import { selectAdult } from './selection.js';
import * as store from './store.js';
import { go, persist, replaceRoute, requestSync, screen, toast, ui } from './frame.js';
import { debounce, directionControl, el, localDate, localIso, newUuid } from './util.js';

const { STATES } = store;


const OUTCOMES = ['no_contact', 'appointment', 'refusal', 'not_eligible', 'language', 'incapacity', 'other'];

export async function visitScreen(session, unitId) {
  const unit = await store.getUnit(unitId);
  if (!unit) { toast(t('not_found')); return go('#/'); }
  const error = el('p', { class: 'notice notice--error', role: 'alert', hidden: true });
  const note = el('textarea', { id: 'visit-note', class: 'input input--wide', rows: 3, 'aria-describedby': 'visit-note-error' });
  // An invisible character that reorders text (pasted from a messaging app) is said beside the
  // note as it is typed, and the visit is not saved with it: the server refuses it, and a visit
  // never changes once recorded.
  const noteError = el('p', { class: 'notice notice--error', id: 'visit-note-error', role: 'alert', hidden: true });
  const checkNote = () => {
    const char = directionControl(note.value);
    noteError.textContent = char ? t('note_direction', { char }) : '';
    noteError.hidden = !char;
    if (char) note.setAttribute('aria-invalid', 'true'); else note.removeAttribute('aria-invalid');
    return char;
  };
  note.addEventListener('input', checkNote);
  const choices = el('fieldset', { class: 'q' }, el('legend', { class: 'q__label', text: t('visit_outcome') }),
    el('div', { class: 'choices' }, OUTCOMES.map((code) => el('div', { class: 'choice' },
      el('input', { type: 'radio', name: 'outcome', id: `outcome-${code}`, value: code, class: 'choice__input' }),
      el('label', { class: 'choice__label', for: `outcome-${code}`, text: t(`outcome_${code}`) })))));
  // The day (and time) to come back, asked when the household gave an appointment: the native
  // pickers, limited to the days the server takes (today, the visit's day, to 60 days after).
  const today = localDate();
  const last = addDays(today, MAX_APPOINTMENT_DAYS);
  const day = el('input', { id: 'appointment-date', name: 'appointment_date', type: 'date', class: 'input', min: today, max: last, 'aria-describedby': 'appointment-hint appointment-error' });
  const hour = el('input', { id: 'appointment-time', name: 'appointment_time', type: 'time', class: 'input', 'aria-describedby': 'appointment-error' });
  for (const input of [day, hour]) input.addEventListener('input', () => input.removeAttribute('aria-invalid'));
  // Said beside the fields it concerns: on a phone the form's own error is a screen away.
  const whenError = el('p', { class: 'notice notice--error', id: 'appointment-error', role: 'alert', hidden: true });
  const when = el('fieldset', { class: 'q', id: 'appointment', hidden: true },
    el('legend', { class: 'q__label', text: t('appointment_legend') }),
    el('p', { class: 'q__hint', id: 'appointment-hint', text: t('appointment_hint') }),
    whenError,
    el('div', { class: 'when' },
      el('p', { class: 'when__field' }, el('label', { class: 'q__hint', for: 'appointment-date', text: t('appointment_date') }), day),
      el('p', { class: 'when__field' }, el('label', { class: 'q__hint', for: 'appointment-time', text: t('appointment_time') }), hour)));
  choices.addEventListener('change', () => {
    const chosen = form.querySelector('input[name=outcome]:checked');
    when.hidden = !chosen || chosen.value !== 'appointment';
  });
  const form = el('form', { class: 'page', novalidate: true }, choices, when,
    el('label', { class: 'q__label', for: 'visit-note', text: t('visit_note') }), noteError, note,
    el('div', { class: 'actions' }, el('button', { type: 'submit', class: 'button', id: 'save-visit', text: t('save_visit') })));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.hidden = true;
    whenError.hidden = true;
    const chosen = form.querySelector('input[name=outcome]:checked');
    if (!chosen) { error.textContent = t('visit_choose'); error.hidden = false; return; }
    const text = note.value.trim();
    if (text.length > 2000) { error.textContent = t('visit_note_long'); error.hidden = false; return; }
    if (checkNote()) { note.focus(); return; }
    const body = { sample_unit_id: unit.id, attempted_at: localIso(), outcome: chosen.value, note: text || null };
    if (chosen.value === 'appointment') {
      // A date input holds '' while what is typed is not a whole date: badInput tells it apart.
      const typedDay = day.validity && day.validity.badInput ? 'x' : day.value;
      const typedHour = hour.validity && hour.validity.badInput ? 'x' : hour.value;
      const now = localDate(); // the visit's day (the form may have been opened before midnight)
      const problem = appointmentProblem(typedDay, typedHour, now);
      if (problem) {
        const lastDay = new Date(`${addDays(now, MAX_APPOINTMENT_DAYS)}T12:00:00`).toLocaleDateString(uiLanguage(), { dateStyle: 'long' });
        whenError.textContent = t(problem, { n: MAX_APPOINTMENT_DAYS, last: lastDay });
        whenError.hidden = false;
        const wrong = problem === 'appointment_bad_time' ? hour : day;
        wrong.setAttribute('aria-invalid', 'true');
        wrong.focus();
        return;
      }
      body.appointment_date = day.value;
      if (hour.value) body.appointment_time = hour.value;
    }
    // The household's name goes with it: a unit reassigned meanwhile leaves the list, and what
    // blocks logout must still be named.
    await store.addAttempt({ uuid: newUuid(), sample_unit_id: unit.id, unit: { external_id: unit.external_id }, interviewer_id: session.user.id, body, state: STATES.outbox, server: null });
    toast(t('visit_saved'));
    replaceRoute('#/'); // in place of the visit's form: Back cannot record it twice
    requestSync();
  });
  screen(t('record_visit'), el('p', { class: 'crumb', text: `${unit.external_id}${unit.address ? ` · ${unit.address}` : ''}` }), error, form,
    el('button', { type: 'button', class: 'link', text: t('cancel'), on: { click: () => go('#/') } }));
}

// ------------------------------------------------------------------ the household and its adult

/** Month names in the app's language (set on <html lang> by i18n.setLanguage), January first. */
function monthNames() {
  const format = new Intl.DateTimeFormat(document.documentElement.lang || 'en', { month: 'long', timeZone: 'UTC' });
  return Array.from({ length: 12 }, (_, i) => format.format(new Date(Date.UTC(2024, i, 1))));
}

/** A birthday as the list keeps it ("MM-DD", what selection.js reads) from the day and month
 * chosen: '' when neither is given; something the check refuses when the day is not a day of
 * that month (02-29 is one: the rule counts on a 366-day year). */
export function monthDay(dayText, month) {
  const day = String(dayText || '').trim();
  if (!day && !month) return '';
  if (!/^\d{1,2}$/.test(day) || !/^(0[1-9]|1[0-2])$/.test(month || '')) return '?';
  const last = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][Number(month) - 1];
  if (Number(day) < 1 || Number(day) > last) return '?';
  return `${month}-${String(Number(day)).padStart(2, '0')}`;
}

/** The same people, in the same order, with the same details (a list typed against the one an
 * adult was selected from). */
function sameList(a, b) {
  const key = (p) => [p.initials, p.sex, p.age, p.birthday || ''];
  return JSON.stringify(a.map(key)) === JSON.stringify(b.map(key));
}

/** The same people, in the same order, but for their initials: what the selection reads is the
 * same (sex, age, birthday), so a new draw would change nothing. */
function initialsOnly(a, b) {
  const key = (p) => [p.sex, p.age, p.birthday || ''];
  return a.length === b.length && JSON.stringify(a.map(key)) === JSON.stringify(b.map(key));
}

/** Whether the household list was changed after the adult was selected and left so (its typed
 * copy differs from the list drawn from): the interview then opens on the list, which says so. */
export function rosterChanged(record) {
  const h = record.household;
  const draft = record.roster_draft || [];
  return Boolean(h && h.draws.length && draft.length && !sameList(draft, h.roster));
}

/** Whether the household list the adult was selected from holds initials the server refuses
 * (a character that reorders text, typed before the app checked): the interview then opens on
 * the list, which says so at the field, to type them again. */
export function rosterRefused(record) {
  const h = record.household;
  return Boolean(h && h.draws.length && h.roster.some((p) => directionControl(p.initials)));
}

export function householdScreen(ctx) {
  const { record } = ctx;
  const household = record.household;
  const birthdays = household.method !== 'kish';
  const drawn = household.draws.length > 0;
  const months = birthdays ? monthNames() : [];
  const rows = el('div', { class: 'roster' });
  const error = el('div', { class: 'notice notice--error', role: 'alert', tabindex: '-1', hidden: true });
  const addRow = (person) => {
    const line = rows.children.length + 1;
    const row = el('fieldset', { class: 'roster__row', dataset: { line: String(line) } },
      el('legend', { class: 'q__label', text: t('person_n', { n: line }) }),
      el('label', { class: 'q__hint', for: `r${line}-initials`, text: t('initials') }),
      el('p', { class: 'notice notice--error', id: `r${line}-initials-error`, role: 'alert', hidden: true, dataset: { initialsError: '' } }),
      el('input', { id: `r${line}-initials`, name: 'initials', class: 'input', maxlength: 20, value: person ? person.initials : null, 'aria-describedby': `r${line}-initials-error` }),
      el('div', { class: 'choices choices--inline' }, ['m', 'f', 'x'].map((sex) => el('div', { class: 'choice' },
        el('input', { type: 'radio', id: `r${line}-sex-${sex}`, name: `sex-${line}`, value: sex, class: 'choice__input', checked: person && person.sex === sex }),
        el('label', { class: 'choice__label', for: `r${line}-sex-${sex}`, text: t(`sex_${sex}`) })))),
      el('label', { class: 'q__hint', for: `r${line}-age`, text: t('age') }),
      el('input', { id: `r${line}-age`, name: 'age', class: 'input input--num', inputmode: 'numeric', value: person && person.age !== null && person.age !== undefined ? String(person.age) : null }),
      // The birthday as a day and a month by name: "MM-DD" typed was read 05-03 as 3 May by the
      // rule, and as 5 March by an interviewer used to day-month dates, who then interviewed
      // the wrong person.
      birthdays ? birthdayField(line, person && person.birthday ? person.birthday : '') : null,
      // A row added by mistake: a ticked sex cannot be unticked, so it could never be emptied.
      ctx.readOnly ? null : el('p', {}, el('button', { type: 'button', class: 'link', dataset: { action: 'remove-person' }, text: t('remove_person', { n: line }),
        on: { click: () => removeRow(line) } })));
    rows.append(row);
    checkInitials(row);
  };
  // Initials holding an invisible character that reorders text (pasted from a messaging app):
  // said beside them as they are typed, and when the list is opened (an interview the server
  // refused for them, typed before the app checked), and no adult is selected with them.
  function checkInitials(row) {
    const input = row.querySelector('[name=initials]');
    const box = row.querySelector('[data-initials-error]');
    const char = directionControl(input.value);
    const text = char ? t('initials_direction', { char }) : '';
    if (box.textContent !== text) box.textContent = text; // an alert said again only when it changes
    box.hidden = !char;
    if (char) input.setAttribute('aria-invalid', 'true'); else input.removeAttribute('aria-invalid');
  }
  function birthdayField(line, value) {
    const [month, day] = /^\d{2}-\d{2}$/.test(value) ? value.split('-') : ['', ''];
    return el('div', { class: 'birthday', role: 'group', 'aria-labelledby': `r${line}-birthday` },
      el('p', { class: 'q__hint', id: `r${line}-birthday`, text: t('birthday') }),
      el('div', { class: 'birthday__parts' },
        el('p', { class: 'birthday__part' }, el('label', { class: 'q__hint', for: `r${line}-birthday-day`, text: t('birthday_day') }),
          el('input', { id: `r${line}-birthday-day`, name: 'birthday-day', class: 'input input--day', inputmode: 'numeric', maxlength: 2, autocomplete: 'off', value: day ? String(Number(day)) : null })),
        el('p', { class: 'birthday__part' }, el('label', { class: 'q__hint', for: `r${line}-birthday-month`, text: t('birthday_month') }),
          el('select', { id: `r${line}-birthday-month`, name: 'birthday-month', class: 'select' },
            el('option', { value: '', text: '—' }),
            months.map((name, i) => {
              const code = String(i + 1).padStart(2, '0');
              return el('option', { value: code, text: name, selected: code === month });
            })))));
  }
  const birthdayOf = (row) => (birthdays
    ? monthDay(row.querySelector('[name=birthday-day]').value, row.querySelector('[name=birthday-month]').value)
    : null);
  // What each row holds as typed (for removing one and numbering the rest again).
  const typedRows = () => Array.from(rows.children).map((row, i) => {
    const sex = row.querySelector(`input[name="sex-${i + 1}"]:checked`);
    return { initials: row.querySelector('[name=initials]').value, sex: sex ? sex.value : null, age: row.querySelector('[name=age]').value, birthday: birthdayOf(row) };
  });
  const removeRow = (line) => {
    const typed = typedRows();
    const gone = typed[line - 1];
    if (!gone) return;
    const filled = Boolean(gone.initials.trim() || gone.sex || gone.age.trim() || (gone.birthday || '').trim());
    if (filled && !window.confirm(t('confirm_remove_person', { n: line, initials: gone.initials.trim() || '—' }))) return;
    rows.replaceChildren();
    typed.filter((_, i) => i !== line - 1).forEach(addRow);
    if (!rows.children.length) addRow(null);
    saveDraft();
  };
  // A list changed after the selection and left without selecting again comes back as it was
  // typed, with the selection said to be of the list as it was (showSelection), not dropped.
  const edited = !ctx.readOnly && rosterChanged(record);
  const source = edited ? record.roster_draft : (household.roster.length ? household.roster : (record.roster_draft || []));
  if (source.length) source.forEach(addRow); else addRow(null);
  // Shown, not edited, once the interview is not being worked on (the birthday's month list too).
  if (ctx.readOnly) rows.querySelectorAll('input, select').forEach((i) => { i.disabled = true; });

  const read = () => {
    const roster = [];
    const problems = [];
    Array.from(rows.children).forEach((row, i) => {
      const line = i + 1;
      const initials = row.querySelector('[name=initials]').value.trim();
      const sexInput = row.querySelector(`input[name="sex-${line}"]:checked`);
      const ageText = row.querySelector('[name=age]').value.trim();
      const birthday = birthdayOf(row);
      if (!initials && !sexInput && !ageText && !birthday) return; // an empty row is not a person
      const person = { line: roster.length + 1, initials, sex: sexInput ? sexInput.value : null, age: /^\d{1,3}$/.test(ageText) ? Number(ageText) : null };
      if (!initials) problems.push(t('roster_initials', { n: line }));
      const char = directionControl(initials);
      if (char) problems.push(t('roster_initials_direction', { n: line, char }));
      if (!person.sex) problems.push(t('roster_sex', { n: line }));
      if (person.age === null || person.age > 120) problems.push(t('roster_age', { n: line }));
      if (birthdays) {
        person.birthday = birthday;
        if (person.age !== null && person.age >= 18 && !/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.test(birthday || '')) problems.push(t('roster_birthday', { n: line }));
        else if (birthday === '?') problems.push(t('roster_birthday', { n: line })); // a child's, given wrong
      }
      roster.push(person);
    });
    return { roster, problems };
  };
  // Initials corrected after the selection (nothing else of anyone changed) go into the list the
  // adult was selected from without a new draw: the rule never reads initials, and a draw
  // redone on another day may pick someone else. How an interview refused by the server for
  // its initials is fixed.
  const withTypedInitials = (h, typed) => {
    if (!h.draws.length || sameList(typed, h.roster) || !initialsOnly(typed, h.roster)) return null;
    if (typed.some((p) => !p.initials || directionControl(p.initials))) return null;
    return { ...h, roster: h.roster.map((p, i) => ({ ...p, initials: typed[i].initials })) };
  };
  const typedChange = (current) => {
    const { roster } = read();
    const household = withTypedInitials(current.household, roster);
    return household ? { roster_draft: roster, household } : { roster_draft: roster };
  };
  const saveDraft = debounce(async () => {
    if (!ctx.readOnly && !ctx.left && await persist(ctx, typedChange)) showSelection();
  }, 300);
  rows.addEventListener('input', (event) => {
    if (event.target.name === 'initials') checkInitials(event.target.closest('.roster__row'));
  });
  rows.addEventListener('input', saveDraft);
  rows.addEventListener('change', saveDraft);
  // A change to the list after the selection is said at once (the selection shown is of the
  // list as it was), not kept silently apart from what is sent.
  rows.addEventListener('input', () => showSelection());
  rows.addEventListener('change', () => showSelection());
  // Leaving the screen writes what was typed, then nothing more from this screen's copy.
  ui.leave = async () => {
    ui.leave = null;
    if (!ctx.readOnly && !ctx.left) {
      ctx.left = true;
      await persist(ctx, typedChange);
    }
    ctx.left = true;
  };

  const result = el('div', { id: 'selection-result' });
  const showSelection = () => {
    const h = ctx.record.household;
    if (!h.draws.length) { result.replaceChildren(); draw.hidden = false; return; }
    const person = h.roster.find((p) => p.line === h.selected_line);
    const typed = read().roster;
    // Initials changed only: not another list (withTypedInitials takes them in, once valid).
    const stale = !ctx.readOnly && !sameList(typed, h.roster) && !initialsOnly(typed, h.roster);
    // Initials the server refuses (an interview typed before the app checked them): typed
    // again (said at the field) before the questionnaire goes on.
    const unfixed = !ctx.readOnly && h.roster.some((p) => directionControl(p.initials));
    // A draw cannot be redone on the list it was made from (DOMAIN: an interviewer must not be
    // able to redo a draw; a birthday draw on another day could pick someone else): "Select
    // again" is offered only once the list was changed, and that draw is recorded too.
    draw.hidden = !stale;
    // Drawn again only when what it says changes (not at every key: the alert is read once).
    const state = `${stale}:${unfixed}:${h.draws.length}:${h.selected_line}:${person ? person.initials : ''}`;
    if (result.dataset.state === state) return;
    result.dataset.state = state;
    // The list typed is not the one the adult was selected from: said first (read before the
    // selection, which is of the list as it was); select again (recorded) or put the list
    // back; the questionnaire waits (it would start from the list as it was).
    const parts = stale ? [el('p', { class: 'notice notice--error', id: 'selection-stale', role: 'alert', text: t('selection_stale') })] : [];
    parts.push(el('p', { class: stale ? 'notice' : 'notice notice--ok', id: 'selected-adult', text: tn('selected_adult', h.eligible_adults, { initials: person ? person.initials : '?', line: h.selected_line }) }));
    // Why nothing offers a new draw (the button is hidden, not explained): said by the adult.
    if (!stale && !ctx.readOnly) parts.push(el('p', { class: 'q__hint', id: 'selection-final', text: t('selection_final') }));
    if (h.draws.length > 1) parts.push(el('p', { class: 'notice', text: t('draws_recorded', { n: h.draws.length }) }));
    if (stale) {
      parts.push(el('button', { type: 'button', class: 'button button--secondary', id: 'undo-roster', text: t('undo_roster'), on: { click: () => {
          rows.replaceChildren();
          ctx.record.household.roster.forEach(addRow);
          saveDraft();
          showSelection();
        } } }));
      draw.className = 'button';
    } else if (!unfixed) {
      parts.push(el('button', { type: 'button', class: 'button', id: 'to-questionnaire', text: t('to_questionnaire'), on: { click: () => go(`#/i/${record.uuid}`) } }));
      draw.className = 'button button--secondary';
    }
    result.replaceChildren(...parts);
  };
  const draw = el('button', { type: 'button', class: 'button', id: 'select-adult', text: drawn ? t('select_again') : t('select_adult') });
  draw.addEventListener('click', async () => {
    const { roster, problems } = read();
    if (!roster.length) problems.push(t('roster_empty'));
    if (problems.length) {
      error.replaceChildren(el('ul', {}, problems.map((p) => el('li', { text: p }))));
      error.hidden = false;
      error.focus();
      return;
    }
    error.hidden = true;
    const today = localDate();
    const chosen = selectAdult({ method: household.method, seed: household.seed, roster, today });
    if (chosen.selectedLine === null) {
      error.replaceChildren(el('p', { text: t('no_adult') }));
      error.hidden = false;
      return;
    }
    if (ctx.record.household.draws.length && !window.confirm(t('confirm_draw_again'))) return;
    // Every draw is kept and sent: drawing again to reach a more convenient person shows.
    const draws = [...ctx.record.household.draws, { at: localIso(), selected_line: chosen.selectedLine, roster_size: roster.length }];
    const next = { ...ctx.record.household, roster, eligible_adults: chosen.eligibleAdults, selected_line: chosen.selectedLine, draws };
    if (await persist(ctx, { household: next, roster_draft: roster })) {
      draw.textContent = t('select_again');
      showSelection();
    }
  });
  showSelection();
  // Initials already corrected in the typed list (the screen left before they were taken in).
  if (!ctx.readOnly && withTypedInitials(household, read().roster)) saveDraft();
  const add = el('button', { type: 'button', class: 'button button--secondary', id: 'add-person', text: t('add_person'), on: { click: () => addRow(null) } });
  screen(t('household_title'),
    el('p', { class: 'crumb', text: `${record.unit ? record.unit.external_id : ''} · ${t(`method_${household.method}`)}` }),
    el('p', { class: 'q__hint', text: t('household_hint') }),
    error, rows, ctx.readOnly ? null : el('div', { class: 'actions' }, add, draw), result,
    el('button', { type: 'button', class: 'link', id: 'close', text: t('save_close'), on: { click: () => go('#/') } }));
}
