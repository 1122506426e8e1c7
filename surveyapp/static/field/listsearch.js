// The search box over the household list: an interviewer with a long list finds a household by
// its number, street, area or state ("borrador", "cita") as it is typed, on the device, offline.
import { ui } from './frame.js';
import { t, tn } from './i18n.js';
import { el } from './util.js';

/** Shown from this many households on (a short list is read at a glance). */
export const SEARCH_FROM = 8;

/** A text as it is compared: lower case, without accents ("Peñón" finds "penon" and "PEÑÓN"). */
export function fold(text) {
  return String(text).normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Whether every word of `query` is in `text` (in any order); an empty query matches all. */
export function matches(text, query) {
  const haystack = fold(text);
  return fold(query).split(/\s+/).filter(Boolean).every((word) => haystack.includes(word));
}

/** Filters the list shown (`#unit-list`: `section.wave`s of `li.card`s) with what is typed in
 * the search box, and says how many households are shown. */
export function filterList() {
  const input = document.getElementById('unit-search');
  const list = document.getElementById('unit-list');
  const count = document.getElementById('unit-search-count');
  if (!input || !list || !count) return;
  const query = input.value;
  ui.listQuery = query; // kept for the list drawn again (a sync, coming back from a household)
  const cards = [...list.querySelectorAll('li.card')];
  let shown = 0;
  for (const card of cards) {
    card.hidden = !matches(card.textContent, query);
    if (!card.hidden) shown += 1;
  }
  for (const section of list.querySelectorAll('section.wave')) {
    section.hidden = Boolean(query.trim()) && !section.querySelector('li.card:not([hidden])');
  }
  count.textContent = !query.trim() ? '' : shown ? tn('search_shown', shown, { total: cards.length }) : t('search_none');
}

/** Makes the search typed that of `login` (null: nobody's, the login screen shown): the search
 * of another login is forgotten, so the next interviewer on a shared tablet (or the same one
 * logging in again) sees the whole list and an empty box. Whether it was another's. */
export function searchOf(login) {
  if (ui.listQueryOf === login) return false;
  ui.listQueryOf = login;
  ui.listQuery = '';
  return true;
}

/** The search box with its hint and the count of households shown (filterList, once drawn). */
export function listSearch() {
  const input = el('input', {
    id: 'unit-search', type: 'search', class: 'input input--wide', autocomplete: 'off', enterkeyhint: 'search',
    'aria-describedby': 'unit-search-hint unit-search-count',
  });
  input.value = ui.listQuery || '';
  input.addEventListener('input', filterList);
  return el('div', { class: 'search', id: 'unit-search-box', role: 'search' },
    el('label', { class: 'q__label', for: 'unit-search', text: t('search_households') }),
    el('p', { class: 'q__hint', id: 'unit-search-hint', text: t('search_hint') }),
    input,
    el('p', { id: 'unit-search-count', class: 'q__hint', role: 'status' }));
}
