// The web app's server calls (src/main/site/api.js) against a recorded fetch: which headers each call sends, what a
// refusal or an unreachable server turns into, and when the app hears that its login is gone.
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import * as api from '../../main/site/api.js';

let calls;
let answers;

/** Answers the next calls in order: {status, body} (body a string as the server wrote it), or an Error to throw. */
function answer(...next) {
  answers = next;
}

globalThis.fetch = async (path, init) => {
  calls.push({ path, ...init });
  const next = answers.shift();
  if (next instanceof Error) {
    throw next;
  }
  return {
    status: next.status,
    ok: next.status >= 200 && next.status < 300,
    text: async () => next.body ?? '',
  };
};

beforeEach(async () => {
  calls = [];
  answer({ status: 204 });
  await api.logout();
  calls = [];
  api.whenLoginLost(() => {});
});

test('login sends the credentials as Basic and keeps the request token for changing calls only', async () => {
  answer({ status: 200, body: '{"user":"admin","requestToken":"t-1"}' },
    { status: 200, body: '[]' },
    { status: 200, body: '{"state":"ACCEPTED"}' });
  const login = await api.login('admin', 'pässwort');
  await api.devices();
  await api.shadow('unit 1/2', true);

  assert.deepEqual(login, { user: 'admin', requestToken: 't-1' });
  const basic = Buffer.from('admin:pässwort', 'utf8').toString('base64');
  assert.equal(calls[0].method, 'POST');
  assert.equal(calls[0].path, '/webapp/api/login');
  assert.equal(calls[0].headers.Authorization, `Basic ${basic}`);
  assert.equal(calls[1].method, 'GET');
  assert.equal(calls[1].headers['X-UMS-Request-Token'], undefined, 'no token on a GET');
  assert.equal(calls[2].path, '/umsapi/v3/thinclients/unit%201%2F2/shadow');
  assert.equal(calls[2].headers['X-UMS-Request-Token'], 't-1');
  assert.equal(calls[2].headers['Content-Type'], 'application/json');
  assert.equal(calls[2].body, '{"viewOnly":true}');
  assert.ok(calls.every((c) => c.credentials === 'same-origin' && c.cache === 'no-store'));
});

test('a refusal carries the status and the server sentence, or a sentence of its own without one', async () => {
  answer({ status: 409, body: '{"message":"the device is offline"}' }, { status: 502, body: '<html>bad gateway</html>' });
  await assert.rejects(api.shadow('d1', false), (e) => e instanceof api.ApiError && e.status === 409
    && e.message === 'the device is offline');
  await assert.rejects(api.devices(), (e) => e.status === 502
    && e.message === 'the server answered with status 502');
});

test('an unreachable server is status 0 with one sentence', async () => {
  answer(new TypeError('fetch failed'));
  await assert.rejects(api.devices(), (e) => e instanceof api.ApiError && e.status === 0
    && e.message === 'the server cannot be reached');
});

test('a 401 from the REST API after a login drops the token and tells the app once', async () => {
  let lost = 0;
  api.whenLoginLost(() => { lost += 1; });
  answer({ status: 200, body: '{"user":"admin","requestToken":"t-2"}' },
    { status: 401, body: '{"message":"log in again"}' },
    { status: 200, body: '{"state":"ACCEPTED"}' });
  await api.login('admin', 'x');
  await assert.rejects(api.devices(), (e) => e.status === 401);
  await api.shadow('d1', false);

  assert.equal(lost, 1);
  assert.equal(calls[2].headers['X-UMS-Request-Token'], undefined, 'the dropped token is not sent again');
});

test('a wrong password at the web app login is a refusal, not a lost login', async () => {
  let lost = 0;
  api.whenLoginLost(() => { lost += 1; });
  answer({ status: 200, body: '{"user":"admin","requestToken":"t-4"}' },
    { status: 401, body: '{"message":"wrong user name or password"}' });
  await api.login('admin', 'right');
  await assert.rejects(api.login('other', 'wrong'), (e) => e.status === 401
    && e.message === 'wrong user name or password');
  assert.equal(lost, 0);
});

test('currentLogin answers null without a login and keeps the token of one', async () => {
  answer({ status: 401, body: '' }, { status: 200, body: '{"user":"admin","requestToken":"t-3"}' },
    { status: 200, body: '{}' });
  assert.equal(await api.currentLogin(), null);
  assert.deepEqual(await api.currentLogin(), { user: 'admin', requestToken: 't-3' });
  await api.shadow('d1', false);
  assert.equal(calls[2].headers['X-UMS-Request-Token'], 't-3');
});

test('a logout the server did not confirm keeps the request token, so that logging out again can succeed', async () => {
  answer({ status: 200, body: '{"user":"admin","requestToken":"t-5"}' },
    new TypeError('fetch failed'),
    { status: 503, body: '{"message":"the server is busy"}' },
    { status: 200, body: '{"message":"Logout successful"}' },
    { status: 200, body: '{}' });
  await api.login('admin', 'x');
  await assert.rejects(api.logout(), (e) => e.status === 0);
  await assert.rejects(api.logout(), (e) => e.status === 503 && e.message === 'the server is busy');
  await api.logout();
  await api.shadow('d1', false);

  assert.deepEqual(calls.slice(1, 4).map((c) => c.headers['X-UMS-Request-Token']), ['t-5', 't-5', 't-5']);
  assert.equal(calls[4].headers['X-UMS-Request-Token'], undefined, 'no token once the logout was confirmed');
});

test('a logout that finds the login already over is a logout', async () => {
  answer({ status: 200, body: '{"user":"admin","requestToken":"t-6"}' },
    { status: 401, body: '{"message":"not logged in, or the session expired"}' },
    { status: 200, body: '{}' });
  await api.login('admin', 'x');
  await api.logout();
  await api.shadow('d1', false);
  assert.equal(calls[2].headers['X-UMS-Request-Token'], undefined);
});

test('sentence capitalises and ends with a full stop once', () => {
  assert.equal(api.sentence('the device is offline'), 'The device is offline.');
  assert.equal(api.sentence('Done!'), 'Done!');
  assert.equal(api.sentence('  spaced out  '), 'Spaced out.');
  assert.equal(api.sentence(null), '');
  assert.equal(api.sentence(''), '');
});
