// The frame every screen of the interviewer app shares: the main area, short messages, moving
// between screens, the state of the running app, and writing the open interview.
import { t } from './i18n.js';
import * as store from './store.js';
import { el } from './util.js';

export const main = document.getElementById('main');

export const ui = {
  online: navigator.onLine,
  syncing: false,
  backoff: 0,
  syncAgain: false, // a sync was asked for while another ran: run one after it (app.js runSync)
  timer: null,
  lastError: null,
  waitingWorker: null,
  updating: false,
  leave: null, // closes the open screen of an interview (saves what is typed)
  openBreakOff: false, // the finish screen opens with "send as partial" unfolded (asked from a page)
  lock: null, // the Web Lock of the interview open in this tab
  nav: 0, // counts navigations: a screen built for an older one is not shown
  storageNoticeFor: null, // the login whose storage notice this run of the app shows in full
  logoutRefused: false, // the logout refusal is open: the list drawn again (a sync) shows it again
  listQuery: '', // what is typed in the list's search box (listsearch.js), kept for the list drawn again
  listQueryOf: null, // the login that typed it (listsearch.js searchOf)
};

/** Ask the app for a sync soon (an interview or a visit is waiting). */
export function requestSync() {
  window.dispatchEvent(new Event('field-sync-request'));
}

/**
 * A short message at the foot of the screen for 6 s, said on the screen the app goes to next
 * (the list after "Save visit"). It went on covering the screen after that one (the outcomes
 * and "Save visit" of the next household's visit, the buttons of a confirmation): it now goes
 * when the interviewer moves on to another screen, or taps it.
 */
export function toast(message) {
  const node = document.getElementById('toast');
  node.textContent = message;
  node.hidden = false;
  toast.moves = 0;
  if (!toast.wired) {
    toast.wired = true;
    node.addEventListener('click', () => { node.hidden = true; });
  }
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { node.hidden = true; }, 6000);
}

/** A screen change: the toast stays on the screen it was raised for, not on the next. */
export function toastMoved() {
  toast.moves = (toast.moves || 0) + 1;
  if (toast.moves > 1) {
    const node = document.getElementById('toast');
    if (node) node.hidden = true;
  }
}

/** Show the screen of `hash` (again, if it is the one shown). */
export function go(hash) {
  if (window.location.hash === hash) window.dispatchEvent(new HashChangeEvent('hashchange'));
  else window.location.hash = hash;
}

/** Go to `hash` in place of the current history entry (a step the Back button should skip). */
export function replaceRoute(hash) {
  if (window.location.hash === hash) window.dispatchEvent(new HashChangeEvent('hashchange'));
  else window.location.replace(hash);
}

export function screen(title, ...children) {
  main.replaceChildren(el('h1', { class: 'title', text: title }), ...children.filter((c) => c !== null && c !== undefined));
  main.focus({ preventScroll: true });
  window.scrollTo(0, 0);
}

export function persist(ctx, change) {
  // Writes of this tab go one after the other (each needs the edit counter the previous one
  // left); a second tab's copy can never win silently: its counter no longer matches.
  const run = async () => {
    if (ctx.conflict) return false;
    const next = { ...ctx.record, ...(typeof change === 'function' ? change(ctx.record) : change) };
    try {
      ctx.record = await store.saveInterview(next, ctx.record.edit);
      return true;
    } catch (err) {
      if (err && err.name === 'QuotaExceededError') {
        // The device is full: what was saved before stays; say so at once, every time.
        toast(t('storage_full'));
        return false;
      }
      if (!(err instanceof store.EditConflict)) throw err;
      ctx.conflict = true;
      screen(t('open_elsewhere_title'), el('p', { class: 'notice notice--error', id: 'changed-elsewhere', text: t('changed_elsewhere') }),
        el('button', { type: 'button', class: 'button', text: t('reload'), on: { click: () => go(window.location.hash) } }));
      return false;
    }
  };
  ctx.writes = (ctx.writes || Promise.resolve()).then(run, run);
  return ctx.writes;
}
