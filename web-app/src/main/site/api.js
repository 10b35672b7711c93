// The server calls the web app makes: its own login under /webapp/api/, everything else the REST API with the
// session cookie (sent by the browser, unreadable to scripts) and, on state-changing calls, the request token.
import { shown } from './text.js';

/** A refused or failed call: the HTTP status (0 when the server was not reached) and the server's sentence. */
export class ApiError extends Error {
  constructor(status, sentence) {
    super(sentence);
    this.status = status;
  }
}

let requestToken = null;
let onLoginLost = () => {};

/** What to do when the server says the login is gone (expired, or ended elsewhere). */
export function whenLoginLost(handler) {
  onLoginLost = handler;
}

async function call(method, path, { body, headers = {} } = {}) {
  const sent = { Accept: 'application/json', ...headers };
  if (method !== 'GET' && requestToken) {
    sent['X-UMS-Request-Token'] = requestToken;
  }
  if (body !== undefined) {
    sent['Content-Type'] = 'application/json';
  }
  let response;
  try {
    response = await fetch(path, {
      method, headers: sent, credentials: 'same-origin', cache: 'no-store',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    throw new ApiError(0, 'the server cannot be reached');
  }
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch (e) {
    json = null;
  }
  if (response.status === 401 && requestToken && !path.startsWith('/webapp/api/')) {
    requestToken = null;
    onLoginLost();
  }
  if (!response.ok) {
    throw new ApiError(response.status, (json && json.message) || `the server answered with status ${response.status}`);
  }
  return json;
}

function basic(user, password) {
  const bytes = new TextEncoder().encode(`${user}:${password}`);
  let binary = '';
  bytes.forEach((b) => { binary += String.fromCharCode(b); });
  return `Basic ${btoa(binary)}`;
}

/** Logs in; answers {user, requestToken}. */
export async function login(user, password) {
  const answer = await call('POST', '/webapp/api/login', { headers: { Authorization: basic(user, password) } });
  requestToken = answer.requestToken;
  return answer;
}

/** The current login ({user, requestToken}), or null when there is none. */
export async function currentLogin() {
  try {
    const answer = await call('GET', '/webapp/api/session');
    requestToken = answer.requestToken;
    return answer;
  } catch (e) {
    if (e.status === 401) {
      return null;
    }
    throw e;
  }
}

/**
 * Ends the login; answers once the server confirmed it is over (a 401: it was over already). Otherwise it throws
 * and keeps the request token, since the login may still be active and the next try needs it.
 */
export async function logout() {
  try {
    await call('POST', '/webapp/api/logout');
  } catch (e) {
    if (e.status !== 401) {
      throw e;
    }
  }
  requestToken = null;
}

/** Keeps the login alive while a session is open (the server ends logins idle for 30 minutes). */
export const keepAlive = () => call('GET', '/webapp/api/session').catch(() => null);

export const devices = () => call('GET', '/umsapi/v3/thinclients?facets=online,details');
export const directories = () => call('GET', '/umsapi/v3/directories/tcdirectories');
export const shadow = (id, viewOnly) => call('POST', `/umsapi/v3/thinclients/${encodeURIComponent(id)}/shadow`,
  { body: { viewOnly } });

/**
 * A server sentence as the console shows it: capitalised, with a full stop, and the hidden characters of any name it
 * quotes as "?" ({@link shown}).
 */
export function sentence(text) {
  const s = shown(String(text || '').trim());
  if (!s) {
    return '';
  }
  const first = s.charAt(0).toUpperCase() + s.slice(1);
  return /[.!?]$/.test(first) ? first : `${first}.`;
}
