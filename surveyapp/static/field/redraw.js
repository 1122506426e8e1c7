// The household list drawn again in place (a background sync ends) without taking from the
// interviewer what they were doing on it: a button held down (a finger, the mouse, or Enter or
// Space on the focused button) is not replaced under the press, whose click would then be lost,
// and the focus stays on the same household's same button, not dropped to the page.

/** What is held down now, and whether the list waits for it to be let go to be drawn again. */
const held = { pointer: false, key: null, waiting: false };

/** Keys that press the focused button (Space clicks when let go, on the element it went down on). */
const ACTIVATION_KEYS = new Set(['Enter', ' ']);

/** What can have the focus on a card (its buttons, the links of a notice). */
const FOCUSABLE = 'button, a[href], input, select, textarea, summary, [tabindex]:not([tabindex="-1"])';

/** Whether a press is under way: a redraw now would replace the button it is on. */
export function pressed() {
  return held.pointer || held.key !== null;
}

/** Says that a redraw waits for the press to end. */
export function drawWhenReleased() {
  held.waiting = true;
}

/** Listens to presses; `redraw` is called once the press that a redraw waited for ends, after
 * the click that ending it makes (the click may leave the list). */
export function watchPresses(redraw) {
  const release = () => {
    if (pressed() || !held.waiting) return;
    held.waiting = false;
    setTimeout(redraw, 0);
  };
  document.addEventListener('pointerdown', () => { held.pointer = true; }, true);
  for (const type of ['pointerup', 'pointercancel']) {
    document.addEventListener(type, () => { held.pointer = false; release(); }, true);
  }
  document.addEventListener('keydown', (event) => {
    if (ACTIVATION_KEYS.has(event.key) && event.target instanceof Element && event.target.closest('button, a[href], summary, [role=button]')) held.key = event.key;
  }, true);
  document.addEventListener('keyup', (event) => {
    if (event.key === held.key) { held.key = null; release(); }
  }, true);
  // A key let go in another window never comes back as a keyup here: the list would wait for ever.
  window.addEventListener('blur', () => { held.pointer = false; held.key = null; release(); });
}

/** Where the focus is among `removed` (the parts of the screen about to be drawn again), as
 * something the new drawing has too: a card's button by its household (data-unit) and its
 * action (data-action, its place among the card's buttons of that action), or an element by
 * its id. null when the focus is elsewhere (the search box, which stays). */
export function focusSpot(removed) {
  const active = document.activeElement;
  if (!active || !removed.some((part) => part.contains(active))) return null;
  const card = active.closest('li.card[data-unit]');
  if (card) {
    const action = active.dataset.action || null;
    const same = [...card.querySelectorAll(FOCUSABLE)].filter((node) => (node.dataset.action || null) === action);
    return { unit: card.dataset.unit, action, index: Math.max(same.indexOf(active), 0) };
  }
  return { id: active.id || null };
}

/** Puts the focus back on the spot (focusSpot) in the list drawn again: the same button, else the
 * household's first one, else the main area (not the page's body, where keys do nothing). */
export function restoreFocus(spot, main) {
  if (!spot) return;
  let target = null;
  if (spot.unit !== undefined) {
    const card = [...main.querySelectorAll('li.card[data-unit]')].find((node) => node.dataset.unit === spot.unit);
    if (card) {
      const same = [...card.querySelectorAll(FOCUSABLE)].filter((node) => (node.dataset.action || null) === spot.action);
      target = same[spot.index] || same[0] || card.querySelector(FOCUSABLE);
    }
  } else if (spot.id) {
    target = document.getElementById(spot.id);
  }
  if (target && !target.disabled && !target.closest('[hidden]')) target.focus({ preventScroll: true });
  if (document.activeElement !== target) main.focus({ preventScroll: true });
}
