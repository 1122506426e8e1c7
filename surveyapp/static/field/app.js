// The interviewer app: start-up, the sync loop, routing, login and the home screen. An interview's
// screens are interview.js (pages, finishing) and household.js (visits, roster and selection);
// frame.js is what every screen shares; storage is store.js, the server sync.js.
import { ApiError, NetworkError, call } from './api.js';
import { go, replaceRoute, requestSync, screen, toast, toastMoved, ui } from './frame.js';
import { appointmentDue, appointmentOf, cardState, changedAnswers, discardable, draftContents, dueCounts, dueFirst, formatAppointment, keepsServerVersion } from './cards.js';
import { visitScreen } from './household.js';
import { SEARCH_FROM, filterList, listSearch, searchOf } from './listsearch.js';
import { drawWhenReleased, focusSpot, pressed, restoreFocus, watchPresses } from './redraw.js';
import { LANGUAGES, dateTime, problemText, serverText, setLanguage, t, tn, uiLanguage } from './i18n.js';
import { BADGES, HOUSEHOLD, acquire, interviewScreen, releaseLock } from './interview.js';
import { emptyParadata } from './paradata.js';
import * as store from './store.js';
import * as sync from './sync.js';
import { el, formatBytes, localDate, newUuid, withoutDirectionControls } from './util.js';

const { STATES } = store;
const BUILD = document.querySelector('meta[name="field-build"]').content;
const main = document.getElementById('main');
const SPACE_WARNING_BYTES = 50 * 1024 * 1024;
// Reasons of a refused interview's problems that no questionnaire page shows.
const OUTSIDE_PAGES = new Set(['household', 'household_selection', 'language', 'paradata', 'paradata_size', 'not_object']);

// ------------------------------------------------------------------ start

/** The parts of the page outside the screens (the bar's title and status, the window's title)
 * in the app's language: at start and whenever the interviewer picks another language. */
function frameTexts() {
  document.documentElement.lang = uiLanguage();
  document.getElementById('app-title').textContent = t('app_title');
  document.title = t('app_title');
  statusBar();
}

async function boot() {
  frameTexts();
  registerWorker();
  window.addEventListener('online', () => { ui.online = true; statusBar(); scheduleSync(0); });
  window.addEventListener('offline', () => { ui.online = false; statusBar(); });
  window.addEventListener('hashchange', () => { toastMoved(); route(); });
  // Something now waits to be sent: the bar says so at once, also offline (no sync runs then).
  window.addEventListener('field-sync-request', () => { statusBar(); scheduleSync(0); });
  await route();
  scheduleSync(1000);
}

function registerWorker() {
  if (!('serviceWorker' in navigator)) return;
  navigator.serviceWorker.register('/fieldwork/app/sw.js', { scope: '/fieldwork/app/' }).then((reg) => {
    const watch = (worker) => {
      if (!worker) return;
      worker.addEventListener('statechange', () => {
        if (worker.state === 'installed' && navigator.serviceWorker.controller) offerUpdate(worker);
      });
    };
    if (reg.waiting && navigator.serviceWorker.controller) offerUpdate(reg.waiting);
    reg.addEventListener('updatefound', () => watch(reg.installing));
  }).catch(() => { /* no worker (private mode): the app still works while the page is open */ });
  // The first worker claims this page (nothing to reload); a new release takes over only when
  // the interviewer asked for it, and then the page reloads onto the new files.
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (!ui.updating) return;
    ui.updating = false;
    window.location.reload();
  });
}

function offerUpdate(worker) {
  // Shown on the home screen (now if it is open, else when the interviewer gets back to it):
  // never in the middle of an interview.
  ui.waitingWorker = worker;
  const bar = document.getElementById('update-bar');
  if (bar) bar.hidden = false;
}

async function applyUpdate() {
  if (ui.leave) await ui.leave('update');
  if (!ui.waitingWorker) return;
  ui.updating = true;
  ui.waitingWorker.postMessage({ type: 'SKIP_WAITING' });
}

// ------------------------------------------------------------------ sync loop

function scheduleSync(delay) {
  clearTimeout(ui.timer);
  ui.timer = setTimeout(() => runSync(false), delay);
}

async function runSync(manual) {
  const session = await sync.session();
  if (!session || session.expired) return;
  if (!manual && !navigator.onLine) return;
  ui.syncing = true;
  statusBar();
  let ran = false;
  let retry = null; // ms to the next try after a failure
  try {
    const result = await sync.syncNow(() => refreshHome(), { wait: manual });
    ran = result.ran;
    if (ran) { ui.backoff = 0; ui.lastError = null; }
    // Another sync holds the lock and may have read the outbox before what asked for this one
    // (an interview just finished) was saved: it waited five minutes. Sync again after that one.
    else ui.syncAgain = true;
  } catch (err) {
    ui.syncAgain = false; // the retries after a failure, below, send it
    ui.lastError = err;
    if (err instanceof sync.SessionExpired) {
      ui.syncing = false;
      statusBar();
      route();
      return;
    }
    // Offline or the server is unwell: try again later, waiting longer each time (at most 5 min).
    ui.backoff = Math.min(ui.backoff + 1, 8);
    const wait = Math.min(300000, 2000 * 2 ** ui.backoff) * (0.5 + Math.random());
    if ((await store.unsentCount()) > 0) retry = wait;
  } finally {
    ui.syncing = false;
    statusBar();
    refreshHome();
  }
  if (ui.syncAgain) {
    if (ran) ui.syncAgain = false;
    scheduleSync(ran ? 0 : 2000); // at once after the sync that ran; else try the lock again soon
    return;
  }
  // The retry after a failure was scheduled here and then replaced by the five minutes below.
  if (retry !== null) scheduleSync(retry);
  else if ((await waitingCount()) > 0) scheduleSync(5 * 60000);
}

/** Interviews finished and visits recorded that wait to be sent: one count for the bar and the
 * list's panel (the bar counted interviews only: "2 waiting" above "3 waiting"). */
async function waitingCount() {
  const session = await sync.session();
  if (!session) return 0;
  const [interviews, attempts] = await Promise.all([store.interviewsOf(session.user.id), store.attemptsOf(session.user.id)]);
  return interviews.filter((r) => r.state === STATES.outbox).length + attempts.filter((a) => a.state === STATES.outbox).length;
}

async function statusBar() {
  const node = document.getElementById('net-status');
  if (!node) return;
  const waiting = await waitingCount();
  const parts = [ui.online ? t('online') : t('offline')];
  if (ui.syncing) parts.push(t('sending'));
  else if (waiting) parts.push(t('n_waiting', { n: waiting }));
  node.textContent = parts.join(' · ');
  node.className = `bar__status ${ui.online ? 'bar__status--on' : 'bar__status--off'}`;
}

// ------------------------------------------------------------------ routing

async function route() {
  try {
    await showRoute();
  } catch (err) {
    // Whatever went wrong, the interviewer gets a sentence and a way back; nothing is deleted.
    releaseLock();
    ui.leave = null;
    screen(t('something_wrong'), el('p', { class: 'notice notice--error', id: 'app-error', text: describe(err) }),
      el('button', { type: 'button', class: 'button', text: t('back_to_list'), on: { click: () => go('#/') } }));
  }
}

function describe(err) {
  if (err && err.name === 'QuotaExceededError') return t('storage_full');
  return `${t('app_failed')} ${err && err.message ? err.message : String(err)}`;
}

function currentRoute() {
  const hash = decodeURIComponent(window.location.hash.replace(/^#\/?/, ''));
  const [head, id, ...rest] = hash.split('/');
  if (head === 'i' && id) return { name: 'interview', id, rest: rest.join('/') || null };
  if (head === 'visit' && id) return { name: 'visit', id };
  if (head === 'start' && id) return { name: 'start', id };
  if (head === 'discard' && id) return { name: 'discard', id };
  if (head === 'keep-server' && id) return { name: 'keep-server', id };
  return { name: 'home' };
}

async function showRoute() {
  const nav = ++ui.nav;
  if (ui.leave) await ui.leave('navigate');
  const session = await sync.session();
  const here = currentRoute();
  if (here.name !== 'home' || !session || session.expired) ui.logoutRefused = false;
  if (!session || session.expired) { releaseLock(); return loginScreen(session); }
  if (here.name === 'interview') return interviewScreen(session, here.id, here.rest);
  if (here.name === 'visit') { releaseLock(); return visitScreen(session, Number(here.id)); }
  if (here.name === 'start') { releaseLock(); return startInterview(session, Number(here.id)); }
  if (here.name === 'discard') return discardScreen(session, here.id);
  if (here.name === 'keep-server') return keepServerScreen(session, here.id);
  releaseLock();
  return homeScreen(session, nav);
}


function languagePicker() {
  const select = el('select', { id: 'ui-lang', class: 'select', on: { change: (e) => { setLanguage(e.target.value); frameTexts(); route(); } } },
    LANGUAGES.map(([code, name]) => el('option', { value: code, selected: code === uiLanguage(), text: name })));
  return el('p', { class: 'lang' }, el('label', { for: 'ui-lang', text: `${t('language')} ` }), select);
}

// ------------------------------------------------------------------ login

function loginScreen(previous) {
  searchOf(null); // a logout or a login that ended: what was searched is nobody's now
  const email = el('input', { id: 'email', name: 'email', type: 'email', class: 'input input--wide', autocomplete: 'username', required: true, value: previous && previous.user ? previous.user.email : null });
  const password = el('input', { id: 'password', name: 'password', type: 'password', class: 'input input--wide', autocomplete: 'current-password', required: true });
  const device = el('input', { id: 'device', name: 'device', type: 'text', class: 'input input--wide', maxlength: 200, required: true, value: (previous && previous.device) || localStorage.getItem('field-device') || '' });
  const error = el('p', { class: 'notice notice--error', role: 'alert', hidden: true });
  const button = el('button', { type: 'submit', class: 'button', text: t('log_in') });
  // Asked for only when the account has two-factor authentication (the server says so).
  const code = el('input', { id: 'code', name: 'code', type: 'text', class: 'input input--num', inputmode: 'numeric', autocomplete: 'one-time-code' });
  const codeBlock = el('div', { hidden: true }, el('label', { class: 'q__label', for: 'code', text: t('otp_code') }), code);
  const form = el('form', { class: 'stack', novalidate: true },
    error,
    el('label', { class: 'q__label', for: 'email', text: t('email') }), email,
    el('label', { class: 'q__label', for: 'password', text: t('password') }), password,
    el('label', { class: 'q__label', for: 'device', text: t('device') }),
    el('p', { class: 'q__hint', text: t('device_hint') }), device,
    codeBlock,
    button);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.hidden = true;
    if (!email.value.trim() || !password.value || !device.value.trim()) {
      error.textContent = t('login_fill');
      error.hidden = false;
      return;
    }
    button.disabled = true;
    try {
      const session = await sync.login(email.value.trim(), password.value, device.value.trim(), code.value.trim() || null);
      localStorage.setItem('field-device', device.value.trim());
      await askPersistence();
      await sync.downloadAssignments(session);
      await store.setMeta('last_sync', { at: new Date().toISOString(), sent: 0 });
      replaceRoute('#/'); // in place of the login: Back from the list leaves the app
    } catch (err) {
      error.textContent = err instanceof NetworkError ? t('login_offline') : serverText(err);
      error.hidden = false;
      if (err.code === 'code_required' || err.code === 'bad_code') {
        codeBlock.hidden = false;
        code.value = '';
        code.focus();
      }
    } finally {
      button.disabled = false;
    }
  });
  const intro = previous && previous.expired
    ? el('p', { class: 'notice', text: t('session_expired') })
    : el('p', { class: 'lead', text: t('login_intro') });
  screen(t('app_title'), intro, form, languagePicker());
}

async function askPersistence() {
  if (navigator.storage && navigator.storage.persist) {
    try { await store.setMeta('persist_asked', await navigator.storage.persist()); } catch { /* not offered */ }
  }
}

// ------------------------------------------------------------------ home


// Lists being read and drawn, and whether a sync asked for the list meanwhile: what it read
// (the sync under way: "Send now" off) may be older than the sync's end, so it is drawn again
// after them. Dropped, the list stayed with "Send now" off and the old counts until the next sync.
const home = { drawing: 0, refreshing: false, again: false };

async function homeScreen(session, nav) {
  home.drawing += 1;
  try {
    await drawHome(session, nav);
  } finally {
    home.drawing -= 1;
    refreshIfAsked();
  }
}

function refreshIfAsked() {
  if (home.drawing || home.refreshing || !home.again) return;
  home.again = false;
  refreshHome();
}

async function drawHome(session, nav) {
  // Only this interviewer's interviews and visits: another's, left on a shared tablet, are
  // neither shown on a household now given to this one nor continued.
  const [waves, units, interviews, attempts] = await Promise.all([store.allWaves(), store.allUnits(), store.interviewsOf(session.user.id), store.attemptsOf(session.user.id)]);
  const visits = new Map();
  for (const a of attempts) visits.set(a.sample_unit_id, [...(visits.get(a.sample_unit_id) || []), a]);
  const byUnit = new Map();
  for (const r of interviews) {
    const list = byUnit.get(r.sample_unit_id) || [];
    list.push(r);
    byUnit.set(r.sample_unit_id, list);
  }
  const sections = [];
  const today = localDate();
  const appointments = [];
  for (const wave of waves) {
    // Households with an appointment today or missed come first, with a line saying so.
    const items = dueFirst(units.filter((u) => u.wave_id === wave.id).map((unit) => {
      const records = byUnit.get(unit.id) || [];
      const unitVisits = visits.get(unit.id) || [];
      return { unit, records, visits: unitVisits, appointment: openAppointment(unit, records, unitVisits) };
    }), today);
    const due = items.filter((item) => item.appointment && appointmentDue(item.appointment, today) !== 'later').length;
    appointments.push(...items.map((item) => item.appointment));
    sections.push(el('section', { class: 'wave' },
      el('h2', { class: 'subtitle', text: wave.name }),
      due ? el('p', { class: 'notice notice--appointment', id: `appointments-due-${wave.id}`, text: tn('appointments_due', due) }) : null,
      el('ul', { class: 'cards' }, items.map((item) => unitCard(session, wave, item.unit, item.records, item.visits, item.appointment, today)))));
  }
  const assigned = new Set(units.map((u) => u.id));
  const orphans = interviews.filter((r) => !assigned.has(r.sample_unit_id) && store.UNSENT.has(r.state));
  if (orphans.length) {
    sections.push(el('section', { class: 'wave' },
      el('h2', { class: 'subtitle', text: t('not_assigned_any_more') }),
      el('p', { class: 'q__hint', text: t('not_assigned_hint') }),
      el('ul', { class: 'cards' }, orphans.map((r) => unitCard(session, null, r.unit || { id: r.sample_unit_id, external_id: '?' }, [r], [])))));
  }
  if (!waves.length) sections.push(el('p', { class: 'lead', text: t('no_assignments') }));
  const panels = [await syncPanel(), await devicePanel(session)];
  // The list is read from storage while the interviewer may already have tapped "Continue" or
  // "Fix" (a sync refreshes it in the background): drawn late, it must not cover that screen.
  if (nav !== ui.nav || currentRoute().name !== 'home') return;
  // A finger, the mouse or Enter/Space is down on the list shown: replaced now, the button it
  // pressed is gone when it is let go and the press is lost. Drawn once it is let go (after
  // the press's click).
  if (pressed() && document.getElementById('sync-panel')) { drawWhenReleased(); return; }
  // Another login's search is not this one's (a shared tablet; a login in another tab): the
  // list is drawn afresh, whole, with an empty box.
  const another = searchOf(loginOf(session));
  const list = el('div', { id: 'unit-list' }, ...sections);
  const search = units.length >= SEARCH_FROM;
  const top = [el('h1', { class: 'title', text: t('my_interviews') }),
    el('p', { class: 'who', text: `${session.user.name} · ${session.device}` }), appointmentSummary(dueCounts(appointments, today)), updateBar(), panels[0]].filter(Boolean);
  if (document.getElementById('unit-list') && !another) {
    // Drawn again over the list shown (a sync): in place. screen() would scroll to the top and
    // move the focus, so the card the interviewer had scrolled to jumped away under the finger.
    // The search box stays as it is (its keyboard, caret and what is typed).
    // The focus stays on the same household's same button: dropped to the page's body, the
    // next Enter or Space of a keyboard (or switch) user did nothing.
    const y = window.scrollY;
    const box = search ? document.getElementById('unit-search-box') : null;
    const removed = [...main.children].filter((child) => child !== box);
    const spot = focusSpot(removed);
    for (const child of removed) child.remove();
    if (box) {
      box.before(...top);
      box.after(list, panels[1]);
    } else {
      main.append(...top, ...(search ? [listSearch()] : []), list, panels[1]);
    }
    filterList();
    restoreFocus(spot, main);
    window.scrollTo(0, y);
    return;
  }
  screen(t('my_interviews'), ...top.slice(1), search ? listSearch() : null, list, panels[1]);
  filterList();
}

/** "2 appointments today, 1 missed": at the top of the list, above the sync panel, so that a
 * phone shows it without scrolling (the households concerned come first in their wave's list).
 * A status, not an alert: it is there when the list opens, never popped up. None without any. */
function appointmentSummary({ today, overdue }) {
  if (!today && !overdue) return null;
  let text;
  if (today && overdue) text = t('appointments_summary_both', { today: tn('appointments_today', today), missed: tn('appointments_missed_short', overdue) });
  else if (today) text = tn('appointments_today', today);
  else text = tn('appointments_missed', overdue);
  return el('p', { class: 'notice notice--appointment', id: 'appointments-summary', role: 'status', text });
}

function updateBar() {
  return el('div', { id: 'update-bar', class: 'notice', hidden: !ui.waitingWorker },
    el('p', { text: t('update_ready') }),
    el('button', { type: 'button', class: 'button button--secondary', text: t('update_now'), on: { click: applyUpdate } }));
}

async function syncPanel() {
  const waiting = await waitingCount();
  const last = await store.getMeta('last_sync');
  const lines = [
    el('p', { id: 'waiting-count', text: t('n_waiting', { n: waiting }) }),
    el('p', { class: 'q__hint', text: last ? t('last_sync', { at: dateTime(last.at) }) : t('never_synced') }),
  ];
  if (ui.lastError && !(ui.lastError instanceof sync.SessionExpired)) {
    lines.push(el('p', { class: 'q__hint', text: ui.lastError instanceof NetworkError ? t('no_connection_retry') : serverText(ui.lastError) }));
  }
  const button = el('button', { type: 'button', id: 'send-now', class: 'button', text: t('send_now'), disabled: ui.syncing,
    on: { click: async () => { button.disabled = true; ui.backoff = 0; await runSync(true); } } });
  return el('section', { class: 'panel', id: 'sync-panel' }, ...lines, button);
}

watchPresses(refreshHome);

async function refreshHome() {
  if (home.drawing || home.refreshing) { home.again = true; return; }
  if (!document.getElementById('sync-panel') || ui.leave) return;
  home.refreshing = true;
  try {
    const session = await sync.session();
    if (session && !session.expired) await homeScreen(session, ui.nav);
  } finally {
    home.refreshing = false;
    refreshIfAsked();
  }
}

function latest(records) {
  return records.slice().sort((a, b) => (a.created_at < b.created_at ? 1 : -1))[0] || null;
}

/** Problems of a refused interview that concern no question (household, language, timing
 * data): on the household's card, as the questionnaire's pages cannot show them. */
function outsidePages(problems) {
  const texts = new Set((problems || []).filter((p) => OUTSIDE_PAGES.has(p.reason)).map(problemText));
  return texts.size ? el('ul', { class: 'problems' }, [...texts].map((text) => el('li', { text }))) : null;
}

/** A household's last visit, {outcome, at, date, time} (date and time its appointment, if it set
 * one), or null: the last recorded here (sent or not), else the server's (any interviewer's). */
function lastVisitOf(unit, visits) {
  const local = visits.slice().sort((a, b) => (a.body.attempted_at < b.body.attempted_at ? -1 : 1));
  if (local.length) {
    const { body } = local[local.length - 1];
    return { outcome: body.outcome, at: body.attempted_at, date: body.appointment_date || null, time: body.appointment_time || null };
  }
  const server = unit.attempts;
  return server && server.last_outcome
    ? { outcome: server.last_outcome, at: server.last_at, date: server.appointment_date || null, time: server.appointment_time || null }
    : null;
}

/** The appointment still to keep at a household, or null: the last visit set one, and the
 * household has no interview, or only a draft (one finished or sent has nothing to come back for). */
function openAppointment(unit, records, visits) {
  const record = latest(records);
  if (record && record.state !== STATES.draft) return null;
  return appointmentOf(lastVisitOf(unit, visits));
}

function unitCard(session, wave, unit, records, visits, appointment = null, today = localDate()) {
  const record = latest(records);
  const recordState = record ? record.state : 'none';
  const area = unit.area ? unit.area.name : '';
  const actions = [];
  // Visits: those recorded here (sent or not) and, from the server, any interviewer's.
  const local = visits.slice().sort((a, b) => (a.body.attempted_at < b.body.attempted_at ? -1 : 1));
  const serverCount = unit.attempts ? unit.attempts.count : 0;
  const unsentVisits = local.filter((a) => a.state !== STATES.sent).length;
  const visitCount = Math.max(serverCount + unsentVisits, local.length);
  const lastVisit = lastVisitOf(unit, visits);
  const lastOutcome = lastVisit ? lastVisit.outcome : null;
  // A household the last visit closed (refused, not eligible) says so, not "Not started" or
  // "Draft"; starting or continuing stays possible (a refusal converted), but not first.
  const state = cardState(record, lastVisit);
  const closed = state !== recordState;
  const refusedVisit = local.find((a) => a.state === STATES.refused);
  if (!record) {
    if (wave) actions.push(el('button', { type: 'button', class: closed ? 'button button--secondary' : 'button', text: t('start'), on: { click: () => go(`#/start/${unit.id}`) } }));
  } else if ([STATES.draft, STATES.returned, STATES.refused].includes(recordState)) {
    actions.push(el('button', { type: 'button', class: closed ? 'button button--secondary' : 'button', text: recordState === STATES.draft ? t('continue') : t('fix'), on: { click: () => reopen(record) } }));
  } else if (recordState === STATES.outbox) {
    actions.push(el('button', { type: 'button', class: 'button button--secondary', text: t('reopen'), on: { click: () => reopen(record) } }));
  }
  const note = record && record.server && (record.state === STATES.returned || record.state === STATES.refused)
    ? el('div', { class: 'notice notice--error' },
      record.state === STATES.returned ? t('labelled', { label: t('supervisor_says'), text: record.server.review_comment || '' }) : serverText(record.server),
      record.state === STATES.refused ? outsidePages(record.server.problems) : null)
    : null;
  if (wave && (!record || [STATES.draft].includes(recordState))) {
    actions.push(el('button', { type: 'button', class: 'button button--secondary', text: t('record_visit'), dataset: { action: 'visit' },
      on: { click: () => go(`#/visit/${unit.id}`) } }));
  }
  // A draft the server never received can be discarded (a household that refused or is not
  // eligible after it was started): otherwise it stays unsent for ever and blocks logout.
  if (discardable(record)) {
    actions.push(el('button', { type: 'button', class: 'link', text: t(recordState === STATES.refused ? 'discard_refused_action' : 'discard'), dataset: { action: 'discard' },
      on: { click: () => go(`#/discard/${record.uuid}`) } }));
  }
  // A correction the server refused for good (approved meanwhile, wave closed) would otherwise
  // stay refused and block logout until a manager reopened the interview.
  if (keepsServerVersion(record)) {
    actions.push(el('button', { type: 'button', class: 'link', text: t('keep_server'), dataset: { action: 'keep-server' },
      on: { click: () => go(`#/keep-server/${record.uuid}`) } }));
  }
  const visitLine = visitCount
    ? el('p', { class: 'card__line q__hint', dataset: { visits: String(visitCount) },
      text: tn('n_visits', visitCount, { outcome: lastOutcome ? t(`outcome_${lastOutcome}`) : '' }) })
    : null;
  // The appointment to keep ("Cita: mar, 15 dic, 15:00"), marked when it is today or missed.
  const due = appointment ? appointmentDue(appointment, today) : null;
  const appointmentLine = appointment
    ? el('p', { class: `card__line appointment appointment--${due}`, dataset: { appointment: due } },
      el('strong', { text: t('card_appointment', { when: formatAppointment(appointment, uiLanguage()) }) }),
      due === 'later' ? null : [' ', el('span', { class: `badge badge--appointment-${due}`, text: t(`appointment_${due}`) })])
    : null;
  return el('li', { class: due && due !== 'later' ? 'card card--due' : 'card', dataset: { unit: unit.external_id, state } },
    el('div', { class: 'card__head' },
      el('strong', { text: unit.external_id }),
      el('span', { class: `badge badge--${state}`, text: t(BADGES[state]) })),
    appointmentLine,
    unit.address ? el('p', { class: 'card__line', text: unit.address }) : null,
    area ? el('p', { class: 'card__line q__hint', text: area }) : null,
    visitLine,
    // A break-off read 'Sent' as a whole interview does: the card says it is partial.
    record && record.status === 'abandoned' && recordState !== STATES.draft
      ? el('p', { class: 'card__line q__hint', dataset: { partial: '' }, text: t('partial_interview') }) : null,
    refusedVisit ? el('div', { class: 'notice notice--error', dataset: { refusedVisit: refusedVisit.uuid } },
      el('p', { text: serverText(refusedVisit.server) }), fixNoteButton(refusedVisit, unit.external_id)) : null,
    unit.interviewed_elsewhere ? el('p', { class: 'notice', text: t('interviewed_elsewhere') }) : null,
    note,
    actions.length ? el('div', { class: 'card__actions' }, actions) : null);
}

/** A visit the server refused for an invisible character that reorders text in its note (typed
 * before the app checked notes): the interviewer removes them and the visit is sent again. The
 * server refused that body and holds nothing under its uuid, so the new body is no conflict. */
function fixNoteButton(attempt, unitName) {
  if (!attempt.server || attempt.server.reason !== 'note_direction_control') return null;
  return el('button', { type: 'button', class: 'link', dataset: { action: 'fix-visit-note' }, text: t('visit_fix_note'), on: { click: async () => {
    await store.updateAttempt(attempt.uuid, (a) => {
      if (a.state !== STATES.refused) return a;
      const note = withoutDirectionControls(a.body.note || '').trim();
      return { ...a, state: STATES.outbox, server: null, body: { ...a.body, note: note || null } };
    });
    toast(t('visit_note_fixed', { unit: unitName }));
    route();
    requestSync();
  } } });
}

/** One login of one interviewer (not its token, which is not kept in memory for this). */
function loginOf(session) {
  return `${session.user.id}:${session.expires_at}`;
}

async function devicePanel(session) {
  const rows = [];
  if (navigator.storage && navigator.storage.estimate) {
    try {
      const { usage, quota } = await navigator.storage.estimate();
      const free = quota - usage;
      rows.push(el('p', { id: 'storage-space', text: t('storage_space', { used: formatBytes(usage, uiLanguage()), free: formatBytes(free, uiLanguage()) }) }));
      if (free < SPACE_WARNING_BYTES) rows.push(el('p', { class: 'notice notice--error', text: t('storage_low') }));
    } catch { /* estimate unavailable */ }
  }
  let persisted = false;
  if (navigator.storage && navigator.storage.persisted) {
    try { persisted = await navigator.storage.persisted(); } catch { persisted = false; }
  }
  if (persisted) {
    rows.push(el('p', { id: 'storage-persisted', text: t('storage_persistent') }));
  } else {
    // Told in full while the app runs after a login (the lists a sync redraws included); once
    // the app is opened again, one line that unfolds to it, so the long notice is not read
    // again on every list (it stays here to be found).
    const login = loginOf(session);
    if (ui.storageNoticeFor !== login && (await store.getMeta('storage_notice_seen')) !== login) {
      await store.setMeta('storage_notice_seen', login);
      ui.storageNoticeFor = login;
    }
    const seen = ui.storageNoticeFor !== login;
    rows.push(seen
      ? el('details', { id: 'storage-persisted', class: 'notice' }, el('summary', { text: t('storage_best_effort_short') }), el('p', { text: t('storage_best_effort') }))
      : el('p', { id: 'storage-persisted', class: 'notice', text: t('storage_best_effort') }));
  }
  if (!persisted && navigator.storage && navigator.storage.persist) {
    rows.push(el('button', { type: 'button', class: 'button button--secondary', text: t('ask_persistent'), on: { click: async () => { await askPersistence(); route(); } } }));
  }
  const discarded = await discardedList(session);
  if (discarded) rows.push(discarded);
  const error = el('p', { class: 'notice notice--error', role: 'alert', hidden: true });
  // The refusal lists what is still unsent. The list is drawn again after every sync (and after
  // a discard from the refusal itself): the refusal stays open, brought up to date, until the
  // interviewer leaves the list or nothing blocks logout any more.
  const refuse = async () => {
    const unsent = await store.unsentCount(session.user.id);
    ui.logoutRefused = unsent > 0;
    if (!ui.logoutRefused) return false;
    error.replaceChildren(...(await whatBlocksLogout(session, unsent, () => {
      error.hidden = true; // the list drawn again next shows the refusal as it now stands
      error.replaceChildren();
    })));
    error.hidden = false;
    return true;
  };
  if (ui.logoutRefused) await refuse();
  const logout = el('button', { type: 'button', class: 'button button--warning', id: 'logout', text: t('log_out'), on: { click: async () => {
    error.hidden = true;
    if (await refuse()) return;
    try {
      await sync.logout(session);
      go('#/');
    } catch (err) {
      error.textContent = err instanceof NetworkError ? t('log_out_offline') : serverText(err);
      error.hidden = false;
    }
  } } });
  return el('section', { class: 'panel panel--device' }, el('h2', { class: 'subtitle', text: t('this_device') }), ...rows, languagePicker(), error, logout,
    el('p', { class: 'q__hint', text: `${t('app_version')} ${BUILD}` }));
}

/** What the interviewer logged in discarded on this tablet (a draft, an interview or a visit the
 * server refused, a correction dropped for the server's version): household, when, what;
 * folded, newest first. The answers are gone; this is the trace a supervisor can ask for.
 * Another interviewer using the same tablet has their own list and never sees this one. */
async function discardedList(session) {
  const log = await store.discardLog(session.user.id);
  if (!log.length) return null;
  const line = (entry) => {
    const when = dateTime(entry.at);
    const what = [];
    if (entry.answers) what.push(tn(entry.kind === 'correction' ? 'keep_server_answers' : 'discard_answers', entry.answers));
    if (entry.people) what.push(tn('discard_people', entry.people));
    const kind = t(`discarded_${entry.kind}`);
    return el('li', { text: `${entry.unit} · ${when} · ${what.length ? `${kind} (${what.join(', ')})` : kind}` });
  };
  return el('details', { id: 'discarded' },
    el('summary', { text: t('discarded_title', { n: log.length }) }),
    el('ul', {}, log.slice().reverse().map(line)));
}

/** Why logging out is refused: each household with an interview or a visit not sent, and what to
 * do (send; finish or fix; discard a draft that will not be finished). */
async function whatBlocksLogout(session, unsent, changed) {
  const [interviews, attempts, units] = await Promise.all([store.interviewsOf(session.user.id), store.attemptsOf(session.user.id), store.allUnits()]);
  const names = new Map(units.map((u) => [u.id, u.external_id]));
  const nameOf = (unitId, record) => names.get(unitId) || (record && record.unit && record.unit.external_id) || `#${unitId}`;
  const items = [];
  for (const r of interviews.filter((x) => store.UNSENT.has(x.state))) {
    const attemptsOf = attempts.filter((a) => a.sample_unit_id === r.sample_unit_id).sort((a, b) => (a.body.attempted_at < b.body.attempted_at ? -1 : 1));
    const last = attemptsOf.length ? { outcome: attemptsOf[attemptsOf.length - 1].body.outcome, at: attemptsOf[attemptsOf.length - 1].body.attempted_at } : null;
    const state = r.state === STATES.draft ? cardState(r, last) : r.state;
    const parts = [t(BADGES[state])];
    if (state !== r.state) parts.push(t(BADGES[r.state]));
    items.push(el('li', {}, `${nameOf(r.sample_unit_id, r)} · ${parts.join(' · ')}`,
      discardable(r) ? [' ', el('button', { type: 'button', class: 'link', dataset: { action: 'discard' }, text: t(r.state === STATES.refused ? 'discard_refused_action' : 'discard'), on: { click: () => go(`#/discard/${r.uuid}`) } })] : null,
      keepsServerVersion(r) ? [' ', el('button', { type: 'button', class: 'link', dataset: { action: 'keep-server' }, text: t('keep_server'), on: { click: () => go(`#/keep-server/${r.uuid}`) } })] : null));
  }
  for (const a of attempts.filter((x) => x.state !== STATES.sent)) {
    const name = nameOf(a.sample_unit_id, a);
    if (a.state !== STATES.refused) {
      items.push(el('li', { text: `${name} · ${t('visit_unsent')}` }));
      continue;
    }
    // Refused by the server (the household now someone else's, the wave closed): sent again at
    // each sync, and the interviewer may remove it after reading why and confirming.
    const outcome = t(`outcome_${a.body.outcome}`);
    const at = dateTime(a.body.attempted_at);
    items.push(el('li', {}, t('labelled', { label: `${name} · ${t('visit_refused')}`, text: serverText(a.server) }), ' ', fixNoteButton(a, name), ' ',
      el('button', { type: 'button', class: 'link', dataset: { action: 'discard-visit' }, text: t('discard_visit'), on: { click: async () => {
        if (!window.confirm(t('confirm_discard_visit', { unit: name, outcome, at }))) return;
        if (await store.discardRefusedVisit(a.uuid, { unit: name, kind: 'visit' })) toast(t('visit_discarded', { unit: name }));
        changed();
        route();
      } } })));
  }
  const out = [el('p', { class: 'notice__title', text: tn('cannot_log_out', unsent) }), el('ul', { id: 'logout-blockers' }, items),
    el('p', { text: t('log_out_send') })];
  if (interviews.some(discardable)) out.push(el('p', { text: t('log_out_discard') }));
  if (interviews.some(keepsServerVersion)) out.push(el('p', { text: t('log_out_keep_server') }));
  return out;
}

// ------------------------------------------------------------------ discarding a draft

/** The confirmation before a draft the server never received is deleted: it names the household
 * and what the draft holds; visits stay. Nothing is deleted without "Discard the draft". */
async function discardScreen(session, uuid) {
  const found = await store.getInterview(uuid);
  const record = found && found.interviewer_id === session.user.id ? found : null;
  if (!discardable(record)) { releaseLock(); toast(t('discard_not_possible')); return go('#/'); }
  if (!(await acquire(uuid))) {
    return screen(t('open_elsewhere_title'), el('p', { class: 'notice notice--error', id: 'open-elsewhere', text: t('open_elsewhere') }),
      el('button', { type: 'button', class: 'button', text: t('back_to_list'), on: { click: () => go('#/') } }));
  }
  const unit = (await store.getUnit(record.sample_unit_id)) || record.unit || { external_id: '?' };
  const what = draftContents(record);
  // Refused on its first sending: a finished interview the server does not have, not a draft.
  const key = (name) => (what.refused ? `discard_refused_${name}` : `discard_${name}`);
  const lost = [];
  if (what.refused) lost.push(t('discard_refused'));
  else if (what.finished) lost.push(t('discard_finished'));
  if (what.answers) lost.push(tn('discard_answers', what.answers));
  if (what.people) lost.push(tn('discard_people', what.people));
  if (what.selected) lost.push(t('discard_selected'));
  const date = dateTime(record.created_at);
  const confirm = el('button', { type: 'button', class: 'button button--warning', id: 'discard-confirm', text: t(key('confirm')), on: { click: async () => {
    confirm.disabled = true;
    const note = { unit: unit.external_id, kind: what.refused ? 'refused' : 'draft', answers: what.answers, people: what.people };
    const done = await store.discardDraft(uuid, record.edit, note);
    releaseLock();
    toast(done ? t(key('done'), { unit: unit.external_id }) : t('discard_not_possible'));
    replaceRoute('#/');
  } } });
  screen(t(key('title')),
    el('p', { class: 'crumb', text: `${unit.external_id}${unit.address ? ` · ${unit.address}` : ''}` }),
    el('p', { class: 'lead', text: t(key('intro'), { unit: unit.external_id, date }) }),
    el('p', { class: 'notice__title', text: t('discard_holds') }),
    lost.length ? el('ul', { id: 'discard-contents' }, lost.map((text) => el('li', { text }))) : el('p', { id: 'discard-contents', text: t('discard_empty') }),
    el('p', { class: 'notice', text: t('discard_visits_kept') }),
    el('div', { class: 'actions' }, confirm,
      el('button', { type: 'button', class: 'button button--secondary', id: 'discard-keep', text: t('discard_keep'), on: { click: () => { releaseLock(); go('#/'); } } })));
}

// ------------------------------------------------------------------ dropping a refused correction

/** The confirmation before a correction the server refused for good is dropped: it names the
 * household, the server's reason and how many answers the correction changed (against the
 * server's version, downloaded first: online only). The server is told nothing. */
async function keepServerScreen(session, uuid) {
  const found = await store.getInterview(uuid);
  const record = found && found.interviewer_id === session.user.id ? found : null;
  if (!keepsServerVersion(record)) { releaseLock(); toast(t('keep_server_not_possible')); return go('#/'); }
  if (!(await acquire(uuid))) {
    return screen(t('open_elsewhere_title'), el('p', { class: 'notice notice--error', id: 'open-elsewhere', text: t('open_elsewhere') }),
      el('button', { type: 'button', class: 'button', text: t('back_to_list'), on: { click: () => go('#/') } }));
  }
  const unit = (await store.getUnit(record.sample_unit_id)) || record.unit || { external_id: '?' };
  const back = () => { releaseLock(); go('#/'); };
  const nav = ui.nav;
  let theirs;
  try {
    ({ body: theirs } = await call('GET', `/api/field/interviews/${uuid}`, { token: session.token }));
  } catch (err) {
    if (nav !== ui.nav) return undefined;
    return screen(t('keep_server_title'),
      el('p', { class: 'notice notice--error', id: 'keep-server-error', text: err instanceof ApiError ? serverText(err) : t('keep_server_offline') }),
      el('button', { type: 'button', class: 'button', text: t('back_to_list'), on: { click: back } }));
  }
  if (nav !== ui.nav) return undefined; // the interviewer went elsewhere meanwhile
  const mine = record.outbox ? record.outbox.answers : record.answers;
  const changed = changedAnswers(mine, theirs.answers);
  const confirm = el('button', { type: 'button', class: 'button button--warning', id: 'keep-server-confirm', text: t('keep_server_confirm'), on: { click: async () => {
    confirm.disabled = true;
    const done = await store.keepServerVersion(uuid, record.edit, theirs, { unit: unit.external_id, kind: 'correction', answers: changed });
    releaseLock();
    toast(done ? t('keep_server_done', { unit: unit.external_id }) : t('keep_server_not_possible'));
    replaceRoute('#/');
  } } });
  return screen(t('keep_server_title'),
    el('p', { class: 'crumb', text: `${unit.external_id}${unit.address ? ` · ${unit.address}` : ''}` }),
    el('p', { class: 'lead', text: t('keep_server_intro', { unit: unit.external_id }) }),
    el('p', { class: 'notice notice--error', id: 'keep-server-reason', text: serverText(record.server) }),
    el('p', { class: 'notice__title', text: t('discard_holds') }),
    el('p', { id: 'keep-server-lost', text: changed ? tn('keep_server_answers', changed) : t('keep_server_same') }),
    el('p', { class: 'notice', text: t('keep_server_kept') }),
    el('div', { class: 'actions' }, confirm,
      el('button', { type: 'button', class: 'button button--secondary', id: 'keep-server-cancel', text: t('keep_server_cancel'), on: { click: back } })));
}

// ------------------------------------------------------------------ starting and reopening

/** `#/start/<unit id>`: the interview's language asked, then its first screen. A route of its
 * own, so the tablet's Back button on the language question goes back to the list (shown in
 * place of the list, with no history entry, Back left the list's entry and, pressed again on
 * the next household, the app); each step replaces it, so Back never asks for the language
 * again. */
async function startInterview(session, unitId) {
  const unit = await store.getUnit(unitId);
  const wave = unit ? await store.getWave(unit.wave_id) : null;
  if (!unit || !wave) { toast(t('not_found')); return replaceRoute('#/'); }
  const existing = (await store.interviewsOfUnit(unit.id)).filter((r) => r.state !== STATES.approved && r.interviewer_id === session.user.id);
  if (existing.length) return replaceRoute(`#/i/${latest(existing).uuid}`);
  const doc = await store.getInstrument(wave.instrument.hash);
  if (!doc) { toast(t('instrument_missing')); return replaceRoute('#/'); }
  const languages = wave.languages.filter((l) => (doc.languages || []).includes(l));
  const nav = ui.nav;
  const language = languages.length === 1 ? languages[0] : await chooseLanguage(languages, wave.default_language || languages[0]);
  if (nav !== ui.nav) return; // left with Back meanwhile: another screen is shown
  if (!language) return replaceRoute('#/');
  const record = {
    uuid: newUuid(),
    wave_id: wave.id,
    sample_unit_id: unit.id,
    unit: { id: unit.id, external_id: unit.external_id, address: unit.address, area: unit.area },
    interviewer_id: session.user.id,
    instrument_hash: wave.instrument.hash,
    language,
    state: STATES.draft,
    answers: {},
    paradata: emptyParadata(BUILD),
    page: null,
    pending: {},
    client_revision: 0,
    status: null,
    outbox: null,
    server: null,
    household: wave.selection_method
      ? { method: wave.selection_method, seed: unit.selection_seed, roster: [], draws: [] }
      : null,
    created_at: new Date().toISOString(),
  };
  await store.saveInterview(record, null);
  replaceRoute(`#/i/${record.uuid}${record.household ? `/${HOUSEHOLD}` : ''}`);
}

function chooseLanguage(languages, preferred) {
  return new Promise((resolve) => {
    const names = Object.fromEntries(LANGUAGES);
    screen(t('interview_language'),
      el('p', { class: 'lead', text: t('interview_language_hint') }),
      el('div', { class: 'stack' }, languages.map((code) => el('button', {
        type: 'button', class: code === preferred ? 'button' : 'button button--secondary', text: names[code] || code,
        dataset: { lang: code }, on: { click: () => resolve(code) },
      }))),
      el('button', { type: 'button', class: 'link', text: t('cancel'), on: { click: () => resolve(null) } }));
  });
}

async function reopen(record) {
  if (record.state === STATES.outbox && !window.confirm(t('confirm_reopen'))) return;
  if (record.state !== STATES.draft) {
    await store.updateInterview(record.uuid, (r) => { r.state = STATES.draft; return r; });
  }
  go(`#/i/${record.uuid}`);
}

boot().catch((err) => {
  main.replaceChildren(el('p', { class: 'notice notice--error', text: `${t('app_failed')} ${err && err.message ? err.message : err}` }));
});
