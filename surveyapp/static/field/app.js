// The interviewer app: screens, navigation and the interview loop. Storage is store.js, the
// server is sync.js, the questionnaire is the shared engine (window.SurveyEngine).
import { NetworkError } from './api.js';
import { LANGUAGES, setLanguage, t, uiLanguage } from './i18n.js';
import { PageClock, emptyParadata, forUpload } from './paradata.js';
import { selectAdult } from './selection.js';
import { applyRelevance, codeOf, readRaw, renderPage, showErrors, tentativeValues } from './render.js';
import * as store from './store.js';
import * as sync from './sync.js';
import { debounce, el, formatBytes, localDate, localIso, newUuid } from './util.js';

const { STATES } = store;
const BUILD = document.querySelector('meta[name="field-build"]').content;
const main = document.getElementById('main');
const SPACE_WARNING_BYTES = 50 * 1024 * 1024;
// Screens of an interview besides its pages; '~' is never in a page id (section names are
// identifiers), so no questionnaire can hide them.
const FINISH = '~finish';
const HOUSEHOLD = '~household';

const ui = {
  online: navigator.onLine,
  syncing: false,
  backoff: 0,
  timer: null,
  lastError: null,
  waitingWorker: null,
  updating: false,
  leave: null, // closes the open interview (saves, releases its lock)
};

// ------------------------------------------------------------------ start

async function boot() {
  document.documentElement.lang = uiLanguage();
  document.getElementById('app-title').textContent = t('app_title');
  document.title = t('app_title');
  registerWorker();
  window.addEventListener('online', () => { ui.online = true; statusBar(); scheduleSync(0); });
  window.addEventListener('offline', () => { ui.online = false; statusBar(); });
  window.addEventListener('hashchange', () => route());
  statusBar();
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
  try {
    const result = await sync.syncNow(() => refreshHome(), { wait: manual });
    if (result.ran) { ui.backoff = 0; ui.lastError = null; }
  } catch (err) {
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
    if ((await store.unsentCount()) > 0) scheduleSync(wait);
  } finally {
    ui.syncing = false;
    statusBar();
    refreshHome();
  }
  if ((await countState(STATES.outbox)) > 0) scheduleSync(5 * 60000);
}

async function countState(state) {
  return (await store.allInterviews()).filter((r) => r.state === state).length;
}

async function statusBar() {
  const node = document.getElementById('net-status');
  if (!node) return;
  const waiting = await countState(STATES.outbox);
  const parts = [ui.online ? t('online') : t('offline')];
  if (ui.syncing) parts.push(t('sending'));
  else if (waiting) parts.push(t('n_waiting', { n: waiting }));
  node.textContent = parts.join(' · ');
  node.className = `bar__status ${ui.online ? 'bar__status--on' : 'bar__status--off'}`;
}

function toast(message) {
  const node = document.getElementById('toast');
  node.textContent = message;
  node.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { node.hidden = true; }, 6000);
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

async function showRoute() {
  if (ui.leave) await ui.leave('navigate');
  const session = await sync.session();
  const hash = decodeURIComponent(window.location.hash.replace(/^#\/?/, ''));
  if (!session || session.expired) { releaseLock(); return loginScreen(session); }
  const [head, uuid, ...rest] = hash.split('/');
  if (head === 'i' && uuid) return interviewScreen(session, uuid, rest.join('/') || null);
  if (head === 'visit' && uuid) { releaseLock(); return visitScreen(session, Number(uuid)); }
  releaseLock();
  return homeScreen(session);
}

function go(hash) {
  if (window.location.hash === hash) route();
  else window.location.hash = hash;
}

function screen(title, ...children) {
  main.replaceChildren(el('h1', { class: 'title', text: title }), ...children.filter((c) => c !== null && c !== undefined));
  main.focus({ preventScroll: true });
  window.scrollTo(0, 0);
}

function languagePicker() {
  const select = el('select', { id: 'ui-lang', class: 'select', on: { change: (e) => { setLanguage(e.target.value); route(); } } },
    LANGUAGES.map(([code, name]) => el('option', { value: code, selected: code === uiLanguage(), text: name })));
  return el('p', { class: 'lang' }, el('label', { for: 'ui-lang', text: `${t('language')} ` }), select);
}

// ------------------------------------------------------------------ login

function loginScreen(previous) {
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
      go('#/');
    } catch (err) {
      error.textContent = err instanceof NetworkError ? t('login_offline') : err.message;
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

const BADGES = {
  none: 'not_started', draft: 'state_draft', outbox: 'state_outbox', sent: 'state_sent',
  returned: 'state_returned', approved: 'state_approved', refused: 'state_refused',
};

async function homeScreen(session) {
  const [waves, units, interviews, attempts] = await Promise.all([store.allWaves(), store.allUnits(), store.allInterviews(), store.allAttempts()]);
  const visits = new Map();
  for (const a of attempts) visits.set(a.sample_unit_id, [...(visits.get(a.sample_unit_id) || []), a]);
  const byUnit = new Map();
  for (const r of interviews) {
    const list = byUnit.get(r.sample_unit_id) || [];
    list.push(r);
    byUnit.set(r.sample_unit_id, list);
  }
  const sections = [];
  for (const wave of waves) {
    const waveUnits = units.filter((u) => u.wave_id === wave.id);
    sections.push(el('section', { class: 'wave' },
      el('h2', { class: 'subtitle', text: wave.name }),
      el('ul', { class: 'cards' }, waveUnits.map((unit) => unitCard(session, wave, unit, byUnit.get(unit.id) || [], visits.get(unit.id) || [])))));
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
  screen(t('my_interviews'),
    el('p', { class: 'who', text: `${session.user.name} · ${session.device}` }),
    updateBar(),
    await syncPanel(),
    ...sections,
    await devicePanel(session));
}

function updateBar() {
  return el('div', { id: 'update-bar', class: 'notice', hidden: !ui.waitingWorker },
    el('p', { text: t('update_ready') }),
    el('button', { type: 'button', class: 'button button--secondary', text: t('update_now'), on: { click: applyUpdate } }));
}

async function syncPanel() {
  const interviews = await store.allInterviews();
  const waiting = interviews.filter((r) => r.state === STATES.outbox).length
    + (await store.allAttempts()).filter((a) => a.state === STATES.outbox).length;
  const last = await store.getMeta('last_sync');
  const lines = [
    el('p', { id: 'waiting-count', text: t('n_waiting', { n: waiting }) }),
    el('p', { class: 'q__hint', text: last ? t('last_sync', { at: new Date(last.at).toLocaleString(uiLanguage()) }) : t('never_synced') }),
  ];
  if (ui.lastError && !(ui.lastError instanceof sync.SessionExpired)) {
    lines.push(el('p', { class: 'q__hint', text: ui.lastError instanceof NetworkError ? t('no_connection_retry') : ui.lastError.message }));
  }
  const button = el('button', { type: 'button', id: 'send-now', class: 'button', text: t('send_now'), disabled: ui.syncing,
    on: { click: async () => { button.disabled = true; ui.backoff = 0; await runSync(true); } } });
  return el('section', { class: 'panel', id: 'sync-panel' }, ...lines, button);
}

let refreshing = false;
async function refreshHome() {
  if (refreshing || !document.getElementById('sync-panel') || ui.leave) return;
  refreshing = true;
  try {
    const session = await sync.session();
    if (session && !session.expired) await homeScreen(session);
  } finally {
    refreshing = false;
  }
}

function latest(records) {
  return records.slice().sort((a, b) => (a.created_at < b.created_at ? 1 : -1))[0] || null;
}

function unitCard(session, wave, unit, records, visits) {
  const record = latest(records);
  const state = record ? record.state : 'none';
  const area = unit.area ? unit.area.name : '';
  const actions = [];
  // Visits: those recorded here (sent or not) and, from the server, any interviewer's.
  const local = visits.slice().sort((a, b) => (a.body.attempted_at < b.body.attempted_at ? -1 : 1));
  const serverCount = unit.attempts ? unit.attempts.count : 0;
  const unsentVisits = local.filter((a) => a.state !== STATES.sent).length;
  const visitCount = Math.max(serverCount + unsentVisits, local.length);
  const lastOutcome = local.length ? local[local.length - 1].body.outcome : unit.attempts ? unit.attempts.last_outcome : null;
  const refusedVisit = local.find((a) => a.state === STATES.refused);
  if (!record) {
    if (wave) actions.push(el('button', { type: 'button', class: 'button', text: t('start'), on: { click: () => startInterview(session, wave, unit) } }));
  } else if ([STATES.draft, STATES.returned, STATES.refused].includes(state)) {
    actions.push(el('button', { type: 'button', class: 'button', text: state === STATES.draft ? t('continue') : t('fix'), on: { click: () => reopen(record) } }));
  } else if (state === STATES.outbox) {
    actions.push(el('button', { type: 'button', class: 'button button--secondary', text: t('reopen'), on: { click: () => reopen(record) } }));
  }
  const note = record && record.server && (record.state === STATES.returned || record.state === STATES.refused)
    ? el('p', { class: 'notice notice--error', text: record.state === STATES.returned ? `${t('supervisor_says')}: ${record.server.review_comment || ''}` : record.server.message || '' })
    : null;
  if (wave && (!record || [STATES.draft].includes(state))) {
    actions.push(el('button', { type: 'button', class: 'button button--secondary', text: t('record_visit'), dataset: { action: 'visit' },
      on: { click: () => go(`#/visit/${unit.id}`) } }));
  }
  const visitLine = visitCount
    ? el('p', { class: 'card__line q__hint', dataset: { visits: String(visitCount) },
      text: t('n_visits', { n: visitCount, outcome: lastOutcome ? t(`outcome_${lastOutcome}`) : '' }) })
    : null;
  return el('li', { class: 'card', dataset: { unit: unit.external_id, state } },
    el('div', { class: 'card__head' },
      el('strong', { text: unit.external_id }),
      el('span', { class: `badge badge--${state}`, text: t(BADGES[state]) })),
    unit.address ? el('p', { class: 'card__line', text: unit.address }) : null,
    area ? el('p', { class: 'card__line q__hint', text: area }) : null,
    visitLine,
    refusedVisit ? el('p', { class: 'notice notice--error', text: refusedVisit.server.message }) : null,
    unit.interviewed_elsewhere ? el('p', { class: 'notice', text: t('interviewed_elsewhere') }) : null,
    note,
    actions.length ? el('div', { class: 'card__actions' }, actions) : null);
}

async function devicePanel(session) {
  const rows = [];
  if (navigator.storage && navigator.storage.estimate) {
    try {
      const { usage, quota } = await navigator.storage.estimate();
      const free = quota - usage;
      rows.push(el('p', { id: 'storage-space', text: t('storage_space', { used: formatBytes(usage), free: formatBytes(free) }) }));
      if (free < SPACE_WARNING_BYTES) rows.push(el('p', { class: 'notice notice--error', text: t('storage_low') }));
    } catch { /* estimate unavailable */ }
  }
  let persisted = false;
  if (navigator.storage && navigator.storage.persisted) {
    try { persisted = await navigator.storage.persisted(); } catch { persisted = false; }
  }
  rows.push(el('p', { id: 'storage-persisted', class: persisted ? '' : 'notice', text: persisted ? t('storage_persistent') : t('storage_best_effort') }));
  if (!persisted && navigator.storage && navigator.storage.persist) {
    rows.push(el('button', { type: 'button', class: 'button button--secondary', text: t('ask_persistent'), on: { click: async () => { await askPersistence(); route(); } } }));
  }
  const error = el('p', { class: 'notice notice--error', role: 'alert', hidden: true });
  const logout = el('button', { type: 'button', class: 'button button--warning', id: 'logout', text: t('log_out'), on: { click: async () => {
    error.hidden = true;
    const unsent = await store.unsentCount();
    if (unsent > 0) { error.textContent = t('cannot_log_out', { n: unsent }); error.hidden = false; return; }
    try {
      await sync.logout(session);
      go('#/');
    } catch (err) {
      error.textContent = err instanceof NetworkError ? t('log_out_offline') : err.message;
      error.hidden = false;
    }
  } } });
  return el('section', { class: 'panel panel--device' }, el('h2', { class: 'subtitle', text: t('this_device') }), ...rows, languagePicker(), error, logout,
    el('p', { class: 'q__hint', text: `${t('app_version')} ${BUILD}` }));
}

// ------------------------------------------------------------------ starting and reopening

async function startInterview(session, wave, unit) {
  const existing = (await store.interviewsOfUnit(unit.id)).filter((r) => r.state !== STATES.approved);
  if (existing.length) return go(`#/i/${latest(existing).uuid}`);
  const doc = await store.getInstrument(wave.instrument.hash);
  if (!doc) return toast(t('instrument_missing'));
  const languages = wave.languages.filter((l) => (doc.languages || []).includes(l));
  const language = languages.length === 1 ? languages[0] : await chooseLanguage(languages, wave.default_language || languages[0]);
  if (!language) return route();
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
  go(`#/i/${record.uuid}${record.household ? `/${HOUSEHOLD}` : ''}`);
}

// ------------------------------------------------------------------ visits

const OUTCOMES = ['no_contact', 'appointment', 'refusal', 'not_eligible', 'language', 'incapacity', 'other'];

async function visitScreen(session, unitId) {
  const unit = await store.getUnit(unitId);
  if (!unit) { toast(t('not_found')); return go('#/'); }
  const error = el('p', { class: 'notice notice--error', role: 'alert', hidden: true });
  const note = el('textarea', { id: 'visit-note', class: 'input input--wide', rows: 3 });
  const choices = el('fieldset', { class: 'q' }, el('legend', { class: 'q__label', text: t('visit_outcome') }),
    el('div', { class: 'choices' }, OUTCOMES.map((code) => el('div', { class: 'choice' },
      el('input', { type: 'radio', name: 'outcome', id: `outcome-${code}`, value: code, class: 'choice__input' }),
      el('label', { class: 'choice__label', for: `outcome-${code}`, text: t(`outcome_${code}`) })))));
  const form = el('form', { class: 'page', novalidate: true }, choices,
    el('label', { class: 'q__label', for: 'visit-note', text: t('visit_note') }), note,
    el('div', { class: 'actions' }, el('button', { type: 'submit', class: 'button', id: 'save-visit', text: t('save_visit') })));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const chosen = form.querySelector('input[name=outcome]:checked');
    if (!chosen) { error.textContent = t('visit_choose'); error.hidden = false; return; }
    const text = note.value.trim();
    if (text.length > 2000) { error.textContent = t('visit_note_long'); error.hidden = false; return; }
    const body = { sample_unit_id: unit.id, attempted_at: localIso(), outcome: chosen.value, note: text || null };
    await store.addAttempt({ uuid: newUuid(), sample_unit_id: unit.id, interviewer_id: session.user.id, body, state: STATES.outbox, server: null });
    toast(t('visit_saved'));
    go('#/');
    scheduleSync(0);
  });
  screen(t('record_visit'), el('p', { class: 'crumb', text: `${unit.external_id}${unit.address ? ` · ${unit.address}` : ''}` }), error, form,
    el('button', { type: 'button', class: 'link', text: t('cancel'), on: { click: () => go('#/') } }));
}

// ------------------------------------------------------------------ the household and its adult

function householdScreen(ctx) {
  const { record } = ctx;
  const household = record.household;
  const birthdays = household.method !== 'kish';
  const drawn = household.draws.length > 0;
  const rows = el('div', { class: 'roster' });
  const error = el('div', { class: 'notice notice--error', role: 'alert', tabindex: '-1', hidden: true });
  const addRow = (person) => {
    const line = rows.children.length + 1;
    const row = el('fieldset', { class: 'roster__row', dataset: { line: String(line) } },
      el('legend', { class: 'q__label', text: t('person_n', { n: line }) }),
      el('label', { class: 'q__hint', for: `r${line}-initials`, text: t('initials') }),
      el('input', { id: `r${line}-initials`, name: 'initials', class: 'input', maxlength: 20, value: person ? person.initials : null }),
      el('div', { class: 'choices choices--inline' }, ['m', 'f', 'x'].map((sex) => el('div', { class: 'choice' },
        el('input', { type: 'radio', id: `r${line}-sex-${sex}`, name: `sex-${line}`, value: sex, class: 'choice__input', checked: person && person.sex === sex }),
        el('label', { class: 'choice__label', for: `r${line}-sex-${sex}`, text: t(`sex_${sex}`) })))),
      el('label', { class: 'q__hint', for: `r${line}-age`, text: t('age') }),
      el('input', { id: `r${line}-age`, name: 'age', class: 'input input--num', inputmode: 'numeric', value: person ? String(person.age) : null }),
      birthdays ? el('label', { class: 'q__hint', for: `r${line}-birthday`, text: t('birthday') }) : null,
      birthdays ? el('input', { id: `r${line}-birthday`, name: 'birthday', class: 'input input--num', placeholder: 'MM-DD', value: person && person.birthday ? person.birthday : null }) : null);
    rows.append(row);
  };
  const source = household.roster.length ? household.roster : (record.roster_draft || []);
  if (source.length) source.forEach(addRow); else addRow(null);
  if (ctx.readOnly || drawn) rows.querySelectorAll('input').forEach((i) => { i.disabled = ctx.readOnly; });

  const read = () => {
    const roster = [];
    const problems = [];
    Array.from(rows.children).forEach((row, i) => {
      const line = i + 1;
      const initials = row.querySelector('[name=initials]').value.trim();
      const sexInput = row.querySelector(`input[name="sex-${line}"]:checked`);
      const ageText = row.querySelector('[name=age]').value.trim();
      const birthday = birthdays ? row.querySelector('[name=birthday]').value.trim() : null;
      if (!initials && !sexInput && !ageText && !birthday) return; // an empty row is not a person
      const person = { line: roster.length + 1, initials, sex: sexInput ? sexInput.value : null, age: /^\d{1,3}$/.test(ageText) ? Number(ageText) : null };
      if (!initials) problems.push(t('roster_initials', { n: line }));
      if (!person.sex) problems.push(t('roster_sex', { n: line }));
      if (person.age === null || person.age > 120) problems.push(t('roster_age', { n: line }));
      if (birthdays) {
        person.birthday = birthday;
        if (person.age !== null && person.age >= 18 && !/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.test(birthday || '')) problems.push(t('roster_birthday', { n: line }));
      }
      roster.push(person);
    });
    return { roster, problems };
  };
  const saveDraft = debounce(() => {
    if (!ctx.readOnly && !ctx.left) persist(ctx, () => ({ roster_draft: read().roster }));
  }, 300);
  rows.addEventListener('input', saveDraft);
  rows.addEventListener('change', saveDraft);
  // Leaving the screen writes what was typed, then nothing more from this screen's copy.
  ui.leave = async () => {
    ui.leave = null;
    if (!ctx.readOnly && !ctx.left) {
      ctx.left = true;
      await persist(ctx, () => ({ roster_draft: read().roster }));
    }
    ctx.left = true;
  };

  const result = el('div', { id: 'selection-result' });
  const showSelection = () => {
    const h = ctx.record.household;
    if (!h.draws.length) { result.replaceChildren(); return; }
    const person = h.roster.find((p) => p.line === h.selected_line);
    const parts = [el('p', { class: 'notice notice--ok', id: 'selected-adult', text: t('selected_adult', { initials: person ? person.initials : '?', line: h.selected_line, n: h.eligible_adults }) })];
    if (h.draws.length > 1) parts.push(el('p', { class: 'notice', text: t('draws_recorded', { n: h.draws.length }) }));
    parts.push(el('button', { type: 'button', class: 'button', id: 'to-questionnaire', text: t('to_questionnaire'), on: { click: () => go(`#/i/${record.uuid}`) } }));
    result.replaceChildren(...parts);
    draw.className = 'button button--secondary';
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
    if (await persist(ctx, { household: next })) {
      draw.textContent = t('select_again');
      showSelection();
    }
  });
  showSelection();
  const add = el('button', { type: 'button', class: 'button button--secondary', id: 'add-person', text: t('add_person'), on: { click: () => addRow(null) } });
  screen(t('household_title'),
    el('p', { class: 'crumb', text: `${record.unit ? record.unit.external_id : ''} · ${t(`method_${household.method}`)}` }),
    el('p', { class: 'q__hint', text: t('household_hint') }),
    error, rows, ctx.readOnly ? null : el('div', { class: 'actions' }, add, draw), result,
    el('button', { type: 'button', class: 'link', id: 'close', text: t('save_close'), on: { click: () => go('#/') } }));
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

// ------------------------------------------------------------------ the interview

/**
 * Hold the interview's Web Lock while it is open in this tab (across its pages): a second tab
 * asking for it gets nothing and says the interview is open elsewhere.
 */
async function acquire(uuid) {
  if (ui.lock && ui.lock.uuid === uuid) return true;
  releaseLock();
  if (!navigator.locks || !navigator.locks.request) return true;
  return new Promise((resolve) => {
    navigator.locks.request(`interview:${uuid}`, { ifAvailable: true }, (lock) => {
      if (!lock) { resolve(false); return null; }
      return new Promise((release) => { ui.lock = { uuid, release }; resolve(true); });
    });
  });
}

function releaseLock() {
  if (ui.lock) ui.lock.release();
  ui.lock = null;
}

async function interviewScreen(session, uuid, pageId) {
  const record = await store.getInterview(uuid);
  if (!record) { releaseLock(); toast(t('not_found')); return go('#/'); }
  if (!(await acquire(uuid))) {
    return screen(t('open_elsewhere_title'), el('p', { class: 'notice notice--error', id: 'open-elsewhere', text: t('open_elsewhere') }),
      el('button', { type: 'button', class: 'button', text: t('back_to_list'), on: { click: () => go('#/') } }));
  }
  return openInterview(session, record, pageId);
}

async function openInterview(session, record, pageId) {
  const wave = (await store.getWave(record.wave_id)) || null;
  const doc = await store.getInstrument(record.instrument_hash);
  if (!doc) { releaseLock(); toast(t('instrument_missing')); return go('#/'); }
  const options = {
    language: record.language,
    today: localDate(),
    referencePeriod: wave ? [wave.reference_start, wave.reference_end] : null,
  };
  const iv = window.SurveyEngine.createInterview(doc, record.answers, options);
  const ctx = { session, record, doc, iv, options, readOnly: ![STATES.draft].includes(record.state) };
  if (pageId === FINISH) return finishScreen(ctx);
  if (record.household && (pageId === HOUSEHOLD || (!record.household.draws.length && !ctx.readOnly))) {
    return householdScreen(ctx);
  }
  const ids = iv.pageIds();
  const target = pageId && ids.includes(pageId) ? pageId : pageOfReview(iv, record) || (record.page && ids.includes(record.page) ? record.page : ids[0]);
  return pageScreen(ctx, target);
}

/** A sent-back interview opens on the page of the question the supervisor commented on. */
function pageOfReview(iv, record) {
  const server = record.server || {};
  if (record.state !== STATES.draft || server.review_status !== 'rejected' || !server.review_item) return null;
  const code = server.review_item;
  return iv.pageIds().find((id) => iv.page(id).items.some((i) => i.code === code || (i.rows || []).some((r) => r.code === code))) || null;
}

function repeatOf(doc, sectionName) {
  const section = (doc.sections || []).find((s) => s.name === sectionName);
  if (section && section.items.length === 1 && section.items[0].type === 'repeat') return section.items[0];
  return null;
}

/** The page as it would be with `raw` typed in: the engine decides what is asked. */
function preview(ctx, page, raw) {
  const answers = structuredClone(ctx.iv.answers);
  let target = answers;
  const repeat = repeatOf(ctx.doc, page.section);
  if (repeat && page.instance) {
    const list = Array.isArray(answers[repeat.code]) ? answers[repeat.code] : (answers[repeat.code] = []);
    while (list.length < page.instance) list.push({});
    target = list[page.instance - 1];
  }
  for (const item of page.items) {
    delete target[item.code];
    for (const row of item.rows || []) delete target[row.code];
  }
  Object.assign(target, tentativeValues(page, raw));
  try {
    return window.SurveyEngine.createInterview(ctx.doc, answers, ctx.options).page(page.id);
  } catch {
    return null;
  }
}

function pathFor(page, repeat) {
  return (code) => (repeat && page.instance ? `${repeat.code}[${page.instance}].${code}` : code);
}

function persist(ctx, change) {
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
        el('button', { type: 'button', class: 'button', text: t('reload'), on: { click: () => route() } }));
      return false;
    }
  };
  ctx.writes = (ctx.writes || Promise.resolve()).then(run, run);
  return ctx.writes;
}

function pageScreen(ctx, pageId) {
  const { iv, record, doc } = ctx;
  const page = iv.page(pageId);
  const ids = iv.pageIds();
  const repeat = repeatOf(doc, page.section);
  const pending = (record.pending || {})[pageId] || {};
  const form = renderPage(page, pending, t);
  form.dataset.page = pageId;
  const clock = new PageClock(record.paradata || emptyParadata(BUILD), pageId, pathFor(page, repeat));
  applyRelevance(form, page);
  if (ctx.readOnly) form.querySelectorAll('input, textarea, select').forEach((node) => { node.disabled = true; });

  const savePending = debounce(async () => {
    if (ctx.readOnly || ctx.conflict) return;
    const raw = readRaw(form);
    await persist(ctx, (r) => ({ pending: { ...(r.pending || {}), [pageId]: raw }, page: pageId, paradata: clock.paradata }));
  }, 250);
  const updateRelevance = debounce(() => {
    const shown = preview(ctx, page, readRaw(form));
    if (shown) applyRelevance(form, shown);
  }, 120);
  const onAnswer = (event) => {
    const code = codeOf(event.target);
    if (!code) return;
    const raw = readRaw(form);
    clock.touch(code, raw[code] === undefined ? null : raw[code]);
    updateRelevance();
    if (event.type === 'change') savePending.flush(); // an answer given: written now
    else savePending();
  };
  form.addEventListener('input', onAnswer);
  form.addEventListener('change', onAnswer);

  const summary = el('div', { class: 'notice notice--error', role: 'alert', tabindex: '-1', hidden: true });
  const index = ids.indexOf(pageId);
  const next = el('button', { type: 'submit', class: 'button', id: 'next', text: index === ids.length - 1 ? t('review_finish') : t('next') });
  const back = el('button', { type: 'button', class: 'button button--secondary', id: 'back', text: t('back'), disabled: index <= 0 });
  const close = el('button', { type: 'button', class: 'link', id: 'close', text: t('save_close') });

  const leave = async (outcome) => {
    if (ctx.left) return;
    ctx.left = true;
    ui.leave = null;
    if (!ctx.readOnly && !ctx.conflict) {
      clock.leave(outcome);
      savePending.flush();
      const raw = readRaw(form);
      await persist(ctx, (r) => ({ pending: { ...(r.pending || {}), [pageId]: raw }, page: pageId, paradata: clock.paradata }));
    }
  };
  ui.leave = leave;
  const moveTo = async (target) => {
    await leave('navigate');
    go(`#/i/${record.uuid}/${encodeURIComponent(target)}`);
  };

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (ctx.readOnly) return moveTo(iv.nextPageId(pageId) || FINISH);
    const raw = readRaw(form);
    const errors = iv.applyPage(pageId, raw);
    if (errors.length) {
      summary.replaceChildren(el('p', { class: 'notice__title', text: t('fix_errors') }),
        el('ul', {}, errors.map((e) => el('li', {}, el('a', { href: `#q-${e.code}`, text: e.message, on: { click: (ev) => { ev.preventDefault(); const q = form.querySelector(`[data-code="${CSS.escape(e.code)}"]`); if (q) { q.scrollIntoView(); const input = q.querySelector('input, textarea'); if (input) input.focus(); } } } })))));
      summary.hidden = false;
      showErrors(form, errors);
      summary.focus();
      return;
    }
    clock.leave('next');
    const target = iv.nextPageId(pageId) || FINISH;
    ctx.left = true;
    ui.leave = null;
    const ok = await persist(ctx, (r) => {
      const remaining = { ...(r.pending || {}) };
      delete remaining[pageId];
      return { answers: iv.answers, pending: remaining, page: target === FINISH ? pageId : target, paradata: clock.paradata };
    });
    if (ok) go(`#/i/${record.uuid}/${encodeURIComponent(target)}`);
  });
  back.addEventListener('click', () => moveTo(iv.previousPageId(pageId) || pageId));
  close.addEventListener('click', async () => { await leave('close'); go('#/'); });

  const [done, total] = iv.progress();
  const review = reviewNotice(record, page);
  form.append(el('div', { class: 'actions' }, next, back));
  screen(page.title,
    el('p', { class: 'crumb', text: `${record.unit ? record.unit.external_id : ''} · ${t('progress', { done, total })}` }),
    el('progress', { class: 'progress', max: total, value: done, 'aria-label': t('progress', { done, total }) }),
    review, summary, form, close);
}

/** The supervisor's comment (or the server's refusal) on the page it concerns, or on every page. */
function reviewNotice(record, page) {
  const server = record.server || {};
  if (record.state === STATES.draft && server.review_status === 'rejected' && server.review_comment) {
    const concerns = !server.review_item || page.items.some((i) => i.code === server.review_item || (i.rows || []).some((r) => r.code === server.review_item));
    if (concerns) return el('p', { class: 'notice notice--error', id: 'review-comment', text: `${t('supervisor_says')}: ${server.review_comment}` });
  }
  if (record.state === STATES.draft && server.problems && server.problems.length) {
    const mine = server.problems.filter((p) => page.items.some((i) => p.path === i.code || p.path.endsWith(`.${i.code}`)));
    if (mine.length) return el('ul', { class: 'notice notice--error' }, mine.map((p) => el('li', { text: `${p.path}: ${p.message}` })));
  }
  return null;
}

function finishScreen(ctx) {
  const { iv, record } = ctx;
  const needsHousehold = Boolean(record.household && !record.household.draws.length);
  const complete = iv.isComplete() && !needsHousehold;
  const [done, total] = iv.progress();
  const incomplete = iv.pageIds().filter((id) => !pageDone(iv, id));
  ui.leave = null;
  const finish = async (status) => {
    const paradata = { ...(record.paradata || emptyParadata(BUILD)), ended_at: localIso() };
    const clientRevision = (record.client_revision || 0) + 1;
    const savedAt = localIso();
    const outbox = {
      wave_id: record.wave_id,
      sample_unit_id: record.sample_unit_id,
      instrument_hash: record.instrument_hash,
      language: record.language,
      status,
      answers: iv.answers,
      paradata: forUpload(paradata),
      client_revision: clientRevision,
      saved_at: savedAt,
    };
    if (record.household && record.household.draws.length) {
      const { method, seed, roster, eligible_adults: eligibleAdults, selected_line: selectedLine, draws } = record.household;
      outbox.household = { method, seed, roster, eligible_adults: eligibleAdults, selected_line: selectedLine, draws };
    }
    const ok = await persist(ctx, { state: STATES.outbox, status, outbox, client_revision: clientRevision, paradata, pending: {} });
    if (ok) {
      toast(t('saved_for_sending'));
      go('#/');
      scheduleSync(0);
    }
  };
  const children = [
    el('p', { class: 'lead', text: t('progress', { done, total }) }),
  ];
  if (ctx.readOnly) {
    children.push(el('p', { class: 'notice', text: t(BADGES[record.state]) }));
  } else if (complete) {
    children.push(el('p', { class: 'notice notice--ok', text: t('complete_ready') }),
      el('button', { type: 'button', class: 'button', id: 'finish', text: t('finish_send'), on: { click: () => finish('completed') } }));
  } else if (needsHousehold) {
    children.push(el('p', { class: 'notice', text: t('household_missing') }));
  } else {
    children.push(el('p', { class: 'notice', text: t('incomplete') }),
      el('ul', { class: 'links' }, incomplete.map((id) => el('li', {}, el('a', { href: `#/i/${record.uuid}/${encodeURIComponent(id)}`, text: iv.page(id).title })))));
  }
  if (!ctx.readOnly) {
    children.push(el('details', { class: 'breakoff' },
      el('summary', { text: t('break_off') }),
      el('p', { class: 'q__hint', text: t('break_off_hint') }),
      el('button', { type: 'button', class: 'button button--warning', id: 'break-off', text: t('break_off_confirm'), on: { click: () => finish('abandoned') } })));
  }
  if (record.household) {
    children.push(el('p', {}, el('a', { href: `#/i/${record.uuid}/${HOUSEHOLD}`, text: t('household_title') })));
  }
  children.push(el('button', { type: 'button', class: 'link', text: t('back_to_list'), on: { click: () => go('#/') } }));
  screen(t('review_finish'), ...children);
}

function pageDone(iv, id) {
  const page = iv.page(id);
  for (const item of page.items) {
    if (item.relevant === false) continue;
    if (item.type === 'grid') {
      if (item.required && (item.rows || []).some((r) => r.relevant !== false && (r.value === null || r.value === undefined))) return false;
    } else if (item.required && (item.value === null || item.value === undefined)) {
      return false;
    }
  }
  return true;
}

boot().catch((err) => {
  main.replaceChildren(el('p', { class: 'notice notice--error', text: `${t('app_failed')} ${err && err.message ? err.message : err}` }));
});
