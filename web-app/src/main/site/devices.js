// The directory tree and the device list: online state, OS, route and a filter; kept current every 5 s
// while shown. Keyboard: arrows move in the tree and the list, Enter opens a device's session, Ctrl+F filters.
import * as api from './api.js';
import { shown } from './text.js';

const POLL_MS = 5000;
const ALL = 'all';

export class DevicesView {
  constructor(onOpen) {
    this.onOpen = onOpen;
    this.tree = document.getElementById('tree');
    this.body = document.querySelector('#devices tbody');
    this.filter = document.getElementById('filter');
    this.status = document.getElementById('status');
    this.shadowButton = document.getElementById('shadow');
    this.list = [];
    this.dirs = [];
    this.dir = ALL;
    this.selectedId = null;
    this.timer = null;
    this.filter.addEventListener('input', () => this.render());
    document.getElementById('refresh').addEventListener('click', () => this.load());
    this.shadowButton.addEventListener('click', () => this.openSelected());
    this.body.addEventListener('click', (e) => this.select(rowId(e.target), true));
    this.body.addEventListener('dblclick', (e) => { this.select(rowId(e.target), false); this.openSelected(); });
    this.body.addEventListener('keydown', (e) => this.tableKey(e));
    this.tree.addEventListener('click', (e) => this.chooseDir(e.target.closest('[role=treeitem]')));
    this.tree.addEventListener('keydown', (e) => this.treeKey(e));
    document.addEventListener('keydown', (e) => {
      if (document.getElementById('devices-view').hidden) {
        return;
      }
      if (e.ctrlKey && e.key === 'f') {
        e.preventDefault();
        this.filter.focus();
      } else if (e.key === 'F5') {
        e.preventDefault();
        this.load();
      }
    });
  }

  /** Shows the list and keeps it current; answers once the first load finished. */
  async show() {
    await this.load();
    clearInterval(this.timer);
    this.timer = setInterval(() => this.load(), POLL_MS);
  }

  hide() {
    clearInterval(this.timer);
    this.timer = null;
  }

  async load() {
    try {
      const [dirs, list] = await Promise.all([api.directories(), api.devices()]);
      const treeChanged = JSON.stringify(dirs) !== JSON.stringify(this.dirs);
      this.dirs = dirs;
      this.list = list;
      if (treeChanged) {
        this.renderTree();
      }
      this.render();
      const online = list.filter((d) => d.online).length;
      this.status.textContent = `${list.length} devices, ${online} online · updated ${new Date().toLocaleTimeString()}`;
    } catch (e) {
      this.status.textContent = api.sentence(e.message);
    }
  }

  byName(name) {
    return this.list.find((d) => d.name === name);
  }

  renderTree() {
    const focused = document.activeElement && this.tree.contains(document.activeElement);
    // a directory whose parent is no known directory (IMI's "-1", or "0") sits at the top
    const known = new Set(this.dirs.map((d) => String(d.id)));
    const parentOf = (d) => (known.has(String(d.parentID)) ? String(d.parentID) : '-1');
    const children = (parent) => this.dirs.filter((d) => parentOf(d) === parent)
      .sort((a, b) => a.name.localeCompare(b.name));
    const item = (id, name, level, kids) => {
      const li = document.createElement('li');
      li.setAttribute('role', 'treeitem');
      li.dataset.dir = id;
      li.setAttribute('aria-level', String(level));
      li.setAttribute('aria-selected', String(this.dir === id));
      li.tabIndex = this.dir === id ? 0 : -1;
      const label = document.createElement('span');
      label.textContent = shown(name);
      li.appendChild(label);
      if (kids.length) {
        li.setAttribute('aria-expanded', 'true');
        const ul = document.createElement('ul');
        ul.setAttribute('role', 'group');
        kids.forEach((k) => ul.appendChild(item(String(k.id), k.name, level + 1, children(String(k.id)))));
        li.appendChild(ul);
      }
      return li;
    };
    this.tree.replaceChildren(item(ALL, 'All devices', 1, children('-1')));
    if (focused) {
      this.tree.querySelector('[tabindex="0"]')?.focus();
    }
  }

  /** Directories under the chosen one (itself included), for the list's filter. */
  chosenDirs() {
    if (this.dir === ALL) {
      return null;
    }
    const ids = new Set([this.dir]);
    let grew = true;
    while (grew) {
      grew = false;
      this.dirs.forEach((d) => {
        if (ids.has(String(d.parentID)) && !ids.has(String(d.id))) {
          ids.add(String(d.id));
          grew = true;
        }
      });
    }
    return ids;
  }

  visible() {
    const words = this.filter.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
    const dirs = this.chosenDirs();
    return this.list.filter((d) => (!dirs || dirs.has(String(d.parentID))) && words.every((w) =>
      [d.name, d.lastIP, d.mac, d.unitID, d.osVersion, d.route].some((f) => String(f ?? '').toLowerCase().includes(w))))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  /**
   * Brings the table up to the visible rows in place: a row keeps its element while its device is listed, and only
   * what changed is written, so a poll never replaces the row under a user's click or the keyboard focus.
   */
  render() {
    const focused = document.activeElement && this.body.contains(document.activeElement);
    const rows = this.visible();
    if (!rows.some((d) => String(d.id) === this.selectedId)) {
      this.selectedId = rows.length ? String(rows[0].id) : null;
    }
    const existing = new Map([...this.body.rows].map((tr) => [tr.dataset.id, tr]));
    rows.forEach((d, index) => {
      const id = String(d.id);
      const tr = existing.get(id) ?? newRow(id);
      existing.delete(id);
      fillRow(tr, d, id === this.selectedId);
      if (this.body.rows[index] !== tr) {
        this.body.insertBefore(tr, this.body.rows[index] ?? null);
      }
    });
    existing.forEach((tr) => tr.remove());
    this.shadowButton.disabled = this.selectedId === null;
    if (focused && !this.body.contains(document.activeElement)) {
      this.body.querySelector('tr[tabindex="0"]')?.focus();
    }
  }

  select(id, focus) {
    if (!id) {
      return;
    }
    this.selectedId = id;
    this.body.querySelectorAll('tr').forEach((tr) => {
      const on = tr.dataset.id === id;
      tr.setAttribute('aria-selected', String(on));
      tr.tabIndex = on ? 0 : -1;
      if (on && focus) {
        tr.focus();
        tr.scrollIntoView({ block: 'nearest' });
      }
    });
    this.shadowButton.disabled = false;
  }

  openSelected() {
    const device = this.list.find((d) => String(d.id) === this.selectedId);
    if (device) {
      this.onOpen(device);
    }
  }

  tableKey(e) {
    const rows = [...this.body.querySelectorAll('tr')];
    const at = rows.findIndex((tr) => tr.dataset.id === this.selectedId);
    const move = { ArrowDown: 1, ArrowUp: -1, PageDown: 10, PageUp: -10 }[e.key];
    if (move) {
      e.preventDefault();
      const next = rows[Math.max(0, Math.min(rows.length - 1, at + move))];
      this.select(next?.dataset.id, true);
    } else if (e.key === 'Home' || e.key === 'End') {
      e.preventDefault();
      this.select((e.key === 'Home' ? rows[0] : rows[rows.length - 1])?.dataset.id, true);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      this.openSelected();
    }
  }

  chooseDir(li) {
    if (!li) {
      return;
    }
    this.dir = li.dataset.dir;
    this.tree.querySelectorAll('[role=treeitem]').forEach((t) => {
      const on = t === li;
      t.setAttribute('aria-selected', String(on));
      t.tabIndex = on ? 0 : -1;
    });
    li.focus();
    this.render();
  }

  treeKey(e) {
    const items = [...this.tree.querySelectorAll('[role=treeitem]')];
    const at = items.indexOf(e.target.closest('[role=treeitem]'));
    const move = { ArrowDown: 1, ArrowUp: -1 }[e.key];
    if (move) {
      e.preventDefault();
      this.chooseDir(items[Math.max(0, Math.min(items.length - 1, at + move))]);
    } else if (e.key === 'Enter' || e.key === 'ArrowRight') {
      e.preventDefault();
      this.body.querySelector('tr[tabindex="0"]')?.focus();
    }
  }
}

function newRow(id) {
  const tr = document.createElement('tr');
  tr.dataset.id = id;
  for (let i = 0; i < 7; i++) {
    tr.appendChild(document.createElement('td'));
  }
  return tr;
}

/** Writes a device into its row, touching only the attributes and texts that differ. */
function fillRow(tr, d, selected) {
  setAttribute(tr, 'data-name', d.name);
  setAttribute(tr, 'aria-selected', String(selected));
  if (tr.tabIndex !== (selected ? 0 : -1)) {
    tr.tabIndex = selected ? 0 : -1;
  }
  const cells = [shown(d.name), d.online ? 'Online' : 'Offline', d.osVersion ? `OS ${d.osVersion}` : '',
    d.route === 'icg' ? 'Gateway' : 'Direct', d.lastIP ?? '', d.mac ?? '',
    d.lastContact ? new Date(d.lastContact).toLocaleString() : ''];
  cells.forEach((text, i) => {
    const td = tr.cells[i];
    if (td.textContent !== text) {
      td.textContent = text;
    }
  });
  const state = tr.cells[1];
  state.className = d.online ? 'online' : 'offline';
  const why = !d.online && d.offlineReason ? api.sentence(d.offlineReason) : '';
  if (why) {
    setAttribute(state, 'title', why);
  } else {
    state.removeAttribute('title');
  }
}

function setAttribute(element, name, value) {
  if (element.getAttribute(name) !== value) {
    element.setAttribute(name, value);
  }
}

function rowId(target) {
  return target.closest('tr')?.dataset.id;
}
