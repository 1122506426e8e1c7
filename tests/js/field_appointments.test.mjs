// The appointment a visit sets on the interviewer app: the form's check (the server's rule), the
// appointment a household's card shows, and the households put first. Run with:
// node --test tests/js/
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { MAX_APPOINTMENT_DAYS, addDays, appointmentDue, appointmentOf, appointmentProblem, dueCounts, dueFirst, formatAppointment } from '../../surveyapp/static/field/cards.js';

test('the app allows as many days ahead as the server', () => {
  const server = readFileSync(new URL('../../surveyapp/services/attempts.py', import.meta.url), 'utf8');
  const found = server.match(/^MAX_APPOINTMENT_DAYS = (\d+)$/m);
  assert.ok(found, 'MAX_APPOINTMENT_DAYS in services/attempts.py');
  assert.equal(MAX_APPOINTMENT_DAYS, Number(found[1]));
});

test('days are added on the calendar, across months, years and leap days', () => {
  assert.equal(addDays('2026-12-07', 60), '2027-02-05');
  assert.equal(addDays('2028-02-28', 1), '2028-02-29');
  assert.equal(addDays('2026-03-31', 0), '2026-03-31');
});

test('the form refuses a missing, impossible, past or far day and a bad time', () => {
  const today = '2026-12-07';
  assert.equal(appointmentProblem('', '', today), 'appointment_missing');
  assert.equal(appointmentProblem('2026-02-30', '', today), 'appointment_bad_date');
  assert.equal(appointmentProblem('x', '', today), 'appointment_bad_date');
  assert.equal(appointmentProblem('2026-12-06', '15:00', today), 'appointment_past');
  assert.equal(appointmentProblem('2027-02-06', '', today), 'appointment_far');
  assert.equal(appointmentProblem('2026-12-15', '25:00', today), 'appointment_bad_time');
  assert.equal(appointmentProblem('2026-12-15', 'x', today), 'appointment_bad_time');
  // Today (also at a time already past: the household may mean this evening) up to 60 days on.
  assert.equal(appointmentProblem('2026-12-07', '08:00', today), null);
  assert.equal(appointmentProblem('2027-02-05', '', today), null);
  assert.equal(appointmentProblem('2026-12-15', '15:00', today), null);
});

test('only a last visit with outcome appointment and a day gives an appointment', () => {
  assert.deepEqual(appointmentOf({ outcome: 'appointment', date: '2026-12-15', time: '15:00' }), { date: '2026-12-15', time: '15:00' });
  assert.deepEqual(appointmentOf({ outcome: 'appointment', date: '2026-12-15', time: null }), { date: '2026-12-15', time: null });
  assert.equal(appointmentOf({ outcome: 'appointment', date: null, time: null }), null); // an older app's visit
  assert.equal(appointmentOf({ outcome: 'no_contact', date: '2026-12-15', time: null }), null);
  assert.equal(appointmentOf(null), null);
});

test('an appointment is overdue, today or later against the local date', () => {
  assert.equal(appointmentDue({ date: '2026-12-06', time: '15:00' }, '2026-12-07'), 'overdue');
  assert.equal(appointmentDue({ date: '2026-12-07', time: null }, '2026-12-07'), 'today');
  assert.equal(appointmentDue({ date: '2026-12-08', time: '09:00' }, '2026-12-07'), 'later');
});

test('households due today or overdue come first, earliest first, the rest keep their order', () => {
  const items = [
    { id: 'A', appointment: null },
    { id: 'B', appointment: { date: '2026-12-09', time: '10:00' } }, // later: stays in place
    { id: 'C', appointment: { date: '2026-12-07', time: '15:00' } },
    { id: 'D', appointment: { date: '2026-12-05', time: null } },
    { id: 'E', appointment: null },
    { id: 'F', appointment: { date: '2026-12-07', time: null } },
  ];
  assert.deepEqual(dueFirst(items, '2026-12-07').map((i) => i.id), ['D', 'F', 'C', 'A', 'B', 'E']);
  assert.deepEqual(items.map((i) => i.id), ['A', 'B', 'C', 'D', 'E', 'F']); // not changed
});

test('the card says the weekday, day, month and time in the app language', () => {
  const appointment = { date: '2026-12-15', time: '15:00' };
  assert.equal(formatAppointment(appointment, 'es'), 'mar, 15 dic, 15:00');
  assert.equal(formatAppointment(appointment, 'en'), 'Tue, Dec 15, 15:00');
  assert.equal(formatAppointment({ ...appointment, time: null }, 'es'), 'mar, 15 dic');
  // A calendar day: whatever the device's zone, it is not moved to the 14th.
  assert.match(formatAppointment(appointment, 'fr'), /15/);
});

test('the list counts the appointments due today and those missed, not the later ones', () => {
  const today = '2026-12-07';
  const list = [
    { date: '2026-12-07', time: '15:00' }, null, { date: '2026-12-07', time: null },
    { date: '2026-12-01', time: null }, { date: '2026-12-08', time: '09:00' },
  ];
  assert.deepEqual(dueCounts(list, today), { today: 2, overdue: 1 });
  assert.deepEqual(dueCounts([], today), { today: 0, overdue: 0 });
});
