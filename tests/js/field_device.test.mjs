// The interviewer app's device id: made once, kept, sent at every login, so that two tablets given
// the same name are two devices on the server. Run with: node --test tests/js/
import test from 'node:test';
import assert from 'node:assert/strict';
import { deviceId } from '../../surveyapp/static/field/util.js';

function memoryStorage(initial = {}) {
  const data = { ...initial };
  return {
    getItem: (k) => (k in data ? data[k] : null),
    setItem: (k, v) => { data[k] = String(v); },
    data,
  };
}

test('a device id is made once and then kept', () => {
  const storage = memoryStorage();
  let made = 0;
  const make = () => { made += 1; return `0b7c6d5e-4f3a-4b2c-9d1e-0f9a8b7c6d5${made}`; };
  const first = deviceId(storage, make);
  assert.equal(first, '0b7c6d5e-4f3a-4b2c-9d1e-0f9a8b7c6d51');
  assert.equal(deviceId(storage, make), first);
  assert.equal(made, 1);
  assert.equal(storage.data['field-device-id'], first);
});

test('two installations get two ids (the default maker is a random UUID)', () => {
  const a = deviceId(memoryStorage());
  const b = deviceId(memoryStorage());
  assert.match(a, /^[0-9a-f-]{36}$/);
  assert.notEqual(a, b);
});

test('a stored value the server would refuse is replaced', () => {
  const storage = memoryStorage({ 'field-device-id': 'bad id!' });
  const id = deviceId(storage, () => 'abcdef12-0000-4000-8000-000000000000');
  assert.equal(id, 'abcdef12-0000-4000-8000-000000000000');
});
