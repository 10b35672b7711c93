// The device list and the session view (src/main/site/devices.js, session.js) on a small stand-in for the page's DOM,
// with noVNC replaced by a stand-in RFB and a recorded fetch and WebSocket: what the page shows of a device's name,
// and what one session leaves behind for the next. The pages in a real browser are the launcher's WebAppIT.
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { register } from 'node:module';

// session.js imports noVNC through ums-rfb.js, which the build copies beside it; here a stand-in takes its place
const STAND_IN_RFB = `export default class StandInRfb extends EventTarget {
  constructor(target, socket, options) { super(); globalThis.lastRfb = this; }
  disconnect() {} focus() {} blur() {} sendCtrlAltDel() {} clipboardPasteFrom(text) { this.pasted = text; }
}`;
register(`data:text/javascript,${encodeURIComponent(`export async function resolve(specifier, context, next) {
  if (specifier === './ums-rfb.js') {
    return { url: 'data:text/javascript,${encodeURIComponent(STAND_IN_RFB)}', shortCircuit: true };
  }
  return next(specifier, context);
}`)}`);

/** An element with what the views use: children, attributes, text, events and the few selectors they ask for. */
class Element extends EventTarget {
  constructor(tagName) {
    super();
    this.tagName = tagName.toUpperCase();
    this.children = [];
    this.parent = null;
    this.attributes = new Map();
    this.dataset = {};
    this.ownText = '';
    this.hidden = false;
    this.value = '';
    this.checked = false;
    this.disabled = false;
    this.className = '';
    this.style = {};
    this.classList = { toggle: () => {} };
  }

  get textContent() {
    return this.ownText + this.children.map((c) => c.textContent).join('');
  }

  set textContent(text) {
    this.replaceChildren();
    this.ownText = String(text);
  }

  get tabIndex() {
    return Number(this.attributes.get('tabindex') ?? -1);
  }

  set tabIndex(value) {
    this.attributes.set('tabindex', String(value));
  }

  get rows() {
    return this.children.filter((c) => c.tagName === 'TR');
  }

  get cells() {
    return this.children.filter((c) => c.tagName === 'TD');
  }

  setAttribute(name, value) {
    this.attributes.set(name, String(value));
  }

  getAttribute(name) {
    return this.attributes.has(name) ? this.attributes.get(name) : null;
  }

  removeAttribute(name) {
    this.attributes.delete(name);
  }

  appendChild(child) {
    return this.insertBefore(child, null);
  }

  insertBefore(child, before) {
    child.remove();
    child.parent = this;
    const at = before ? this.children.indexOf(before) : -1;
    this.children.splice(at < 0 ? this.children.length : at, 0, child);
    return child;
  }

  remove() {
    if (this.parent) {
      this.parent.children.splice(this.parent.children.indexOf(this), 1);
      this.parent = null;
    }
  }

  replaceChildren(...nodes) {
    [...this.children].forEach((c) => c.remove());
    this.ownText = '';
    nodes.forEach((n) => this.appendChild(n));
  }

  contains(other) {
    for (let e = other; e; e = e.parent) {
      if (e === this) {
        return true;
      }
    }
    return false;
  }

  closest(selector) {
    for (let e = this; e; e = e.parent) {
      if (matches(e, selector)) {
        return e;
      }
    }
    return null;
  }

  querySelectorAll(selector) {
    const found = [];
    const walk = (e) => e.children.forEach((c) => {
      if (matches(c, selector)) {
        found.push(c);
      }
      walk(c);
    });
    walk(this);
    return found;
  }

  querySelector(selector) {
    return this.querySelectorAll(selector)[0] ?? null;
  }

  focus() {
    globalThis.document.activeElement = this;
  }

  scrollIntoView() {}
}

/** Selectors of one tag and/or one attribute test: `tr`, `[role=treeitem]`, `tr[tabindex="0"]`. */
function matches(element, selector) {
  const m = /^([a-z]*)(?:\[([a-z-]+)(?:="?([^"\]]*)"?)?\])?$/.exec(selector);
  if (!m) {
    throw new Error(`the stand-in DOM does not know the selector ${selector}`);
  }
  const [, tag, attribute, value] = m;
  return (!tag || element.tagName === tag.toUpperCase())
    && (!attribute || (value === undefined ? element.attributes.has(attribute)
      : element.getAttribute(attribute) === value));
}

function newPage() {
  const byId = new Map();
  const tbody = new Element('tbody');
  const document = new EventTarget();
  Object.assign(document, {
    activeElement: null,
    body: new Element('body'),
    createElement: (tag) => new Element(tag),
    getElementById: (id) => {
      if (!byId.has(id)) {
        byId.set(id, new Element(id === 'steps' ? 'ol' : 'div'));
      }
      return byId.get(id);
    },
    querySelector: (selector) => {
      if (selector === '#devices tbody') {
        return tbody;
      }
      throw new Error(`the stand-in page has no ${selector}`);
    },
  });
  globalThis.document = document;
  globalThis.window = new EventTarget();
  return document;
}

let answers;

globalThis.fetch = async () => {
  const body = answers.shift();
  return { status: 200, ok: true, text: async () => JSON.stringify(body) };
};

/** The browser's tunnel: opens when the test says so. */
globalThis.WebSocket = class extends EventTarget {
  static OPEN = 1;

  constructor(url, protocols) {
    super();
    this.url = url;
    this.protocols = protocols;
    this.readyState = 0;
    globalThis.lastSocket = this;
  }

  close() {
    this.readyState = 3;
  }
};

const { DevicesView } = await import('../../main/site/devices.js');
const { SessionView } = await import('../../main/site/session.js');

beforeEach(() => {
  newPage();
  answers = [];
});

// a right-to-left override shows the rest of a name reversed; a zero-width space makes "payroll​-pc" look like the
// device "payroll-pc"; a line break or a soft hyphen the same: the console shows each as "?" (PlainText.line)
const DISGUISED = 'kiosk-\u202Egnp.exe\u200B\u2060\uFEFF\u00AD\n\u2028\u2066x\u2069';
const AS_SHOWN = 'kiosk-?gnp.exe???????x?';

test('a device list shows a name\'s control, bidirectional and invisible characters each as "?"', async () => {
  const view = new DevicesView(() => {});
  answers.push([{ id: 7, name: 'Front\u202Edesk', parentID: -1 }],
    [{ id: 1, name: DISGUISED, parentID: 7, online: true, route: 'direct' },
      { id: 2, name: 'نامه\u200Cها \u200Fright\u200E', parentID: 7, online: false, route: 'icg' }]);
  await view.load();

  const names = document.querySelector('#devices tbody').rows.map((tr) => tr.cells[0].textContent);
  assert.deepEqual(names, [AS_SHOWN, 'نامه\u200Cها \u200Fright\u200E'], 'the joiners and direction marks stay');
  const tree = document.getElementById('tree').querySelectorAll('[role=treeitem]').map((li) => li.textContent);
  assert.deepEqual(tree, ['All devicesFront?desk', 'Front?desk']);
  assert.equal(view.byName(DISGUISED).id, 1, 'a link names the device as it is');
});

test('a session shows the device\'s name with those characters as "?" in its title and its question', () => {
  const view = new SessionView(() => {});
  view.offer({ id: 1, name: DISGUISED });

  assert.equal(document.getElementById('session-title').textContent, AS_SHOWN);
  assert.equal(document.getElementById('ended-text').textContent, `Open a session with ${AS_SHOWN}?`);
});

test('what a device put on the clipboard is gone when its session is left, before another device or login sees it',
  async () => {
    const view = new SessionView(() => {});
    const text = document.getElementById('clipboard-text');
    answers.push({ sessionId: 's1', tunnelUrl: 'wss://ums/shadow/tunnel/s1', token: 't1' });
    await view.open({ id: 1, name: 'payroll-pc' });
    globalThis.lastSocket.dispatchEvent(new Event('open'));
    globalThis.lastRfb.dispatchEvent(Object.assign(new Event('clipboard'), { detail: { text: 'hunter2' } }));
    assert.equal(text.value, 'hunter2');

    view.close(); // back to the devices, or a logout
    assert.equal(text.value, '');

    answers.push({ sessionId: 's2', tunnelUrl: 'wss://ums/shadow/tunnel/s2', token: 't2' });
    await view.open({ id: 1, name: 'payroll-pc' });
    globalThis.lastSocket.dispatchEvent(new Event('open'));
    globalThis.lastRfb.dispatchEvent(Object.assign(new Event('clipboard'), { detail: { text: 'hunter3' } }));
    // the device ends the session: its sentence shows, then the administrator opens another device
    globalThis.lastSocket.dispatchEvent(Object.assign(new Event('close'), { code: 4001, reason: '' }));
    answers.push({ sessionId: 's3', tunnelUrl: 'wss://ums/shadow/tunnel/s3', token: 't3' });
    await view.open({ id: 2, name: 'kiosk-1' });
    assert.equal(text.value, '', 'the next device\'s session does not offer the last one\'s text to send');
  });

test('a sentence quoting a name, as a refusal or an unknown deep link shows it, has the name\'s hidden characters as "?"',
  async () => {
    const api = await import('../../main/site/api.js');
    assert.equal(api.sentence('there is no device named kiosk-\u202Egnp.exe'), 'There is no device named kiosk-?gnp.exe.');
    assert.equal(api.sentence(' the device is offline\n'), 'The device is offline.');
  });
