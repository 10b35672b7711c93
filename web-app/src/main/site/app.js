// The web app's start: asks whether a login exists, shows the login page or the devices, and follows the
// deep link ?device=NAME to that device's session once logged in, opened when the administrator confirms.
import * as api from './api.js';
import { DevicesView } from './devices.js';
import { SessionView } from './session.js';

const views = ['login-view', 'devices-view', 'session-view'];
const devices = new DevicesView((device) => openSession(device));
const session = new SessionView(() => showDevices());

api.whenLoginLost(() => showLogin('Your login expired; log in again.'));

function show(id) {
  views.forEach((v) => { document.getElementById(v).hidden = v !== id; });
  document.getElementById('bar').hidden = id === 'login-view';
}

function showLogin(message) {
  devices.hide();
  session.close();
  show('login-view');
  document.getElementById('login-error').textContent = message || '';
  const user = document.getElementById('login-user');
  (user.value ? document.getElementById('login-password') : user).focus();
}

async function showDevices() {
  session.close();
  setDeviceParam(null);
  show('devices-view');
  await devices.show();
  document.querySelector('#devices tbody tr[tabindex="0"]')?.focus();
}

function openSession(device) {
  devices.hide();
  setDeviceParam(device.name);
  show('session-view');
  session.open(device);
}

function offerSession(device) {
  devices.hide();
  setDeviceParam(device.name);
  show('session-view');
  session.offer(device);
}

function setDeviceParam(name) {
  const url = new URL(window.location.href);
  if (name) {
    url.searchParams.set('device', name);
  } else {
    url.searchParams.delete('device');
  }
  window.history.replaceState(null, '', url);
}

async function enter(login) {
  document.getElementById('user').textContent = login.user;
  document.getElementById('bar-notice').textContent = '';
  const wanted = new URL(window.location.href).searchParams.get('device');
  if (!wanted) {
    await showDevices();
    return;
  }
  show('devices-view');
  await devices.load();
  const device = devices.byName(wanted);
  if (device) {
    offerSession(device);
  } else {
    await showDevices();
    document.getElementById('status').textContent = api.sentence(`there is no device named ${wanted}`);
  }
}

document.getElementById('login-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const button = document.getElementById('login-submit');
  button.disabled = true;
  try {
    const login = await api.login(document.getElementById('login-user').value,
      document.getElementById('login-password').value);
    document.getElementById('login-password').value = '';
    document.getElementById('login-error').textContent = '';
    await enter(login);
  } catch (err) {
    document.getElementById('login-error').textContent = api.sentence(err.message);
    document.getElementById('login-password').select();
  } finally {
    button.disabled = false;
  }
});

document.getElementById('logout').addEventListener('click', async () => {
  session.close();
  const notice = document.getElementById('bar-notice');
  try {
    await api.logout();
  } catch (e) {
    // the login may still be active (and the cookie with it): the page stays, so that the administrator knows and
    // can log out again
    await showDevices();
    notice.textContent = `${api.sentence(`the server did not confirm the logout: ${e.message}`)} Your login may `
      + 'still be active; log out again.';
    document.getElementById('logout').focus();
    return;
  }
  notice.textContent = '';
  setDeviceParam(null);
  showLogin('You logged out.');
});

(async () => {
  try {
    const login = await api.currentLogin();
    if (login) {
      await enter(login);
    } else {
      showLogin('');
    }
  } catch (e) {
    showLogin(api.sentence(e.message));
  }
})();

// Leaving the page (another URL, a reload, closing the tab) ends the session at once rather than whenever the
// browser gets round to dropping the old page's socket.
window.addEventListener('pagehide', () => session.close());
