// One device's session: asks the server for a shadow session, opens the tunnel WebSocket with the session's
// token in a subprotocol (never in the URL), and hands the open socket to noVNC, which draws into a canvas.
import UmsRFB from './ums-rfb.js';
import * as api from './api.js';
import { shown } from './text.js';

const STEPS = ['ask', 'accepted', 'tunnel', 'frame'];
// The tunnel's typed close codes (shadow-protocol's SessionEnd) and the sentence each one means.
const END_SENTENCES = { 4001: 'the user at the device ended the session' };

export class SessionView {
  constructor(onBack) {
    this.onBack = onBack;
    this.screen = document.getElementById('screen');
    this.title = document.getElementById('session-title');
    this.steps = document.getElementById('steps');
    this.ended = document.getElementById('ended');
    this.endedText = document.getElementById('ended-text');
    this.figures = document.getElementById('figures');
    this.viewOnly = document.getElementById('view-only');
    this.fit = document.getElementById('fit');
    this.quality = document.getElementById('quality');
    this.clipboard = document.getElementById('clipboard');
    this.clipboardText = document.getElementById('clipboard-text');
    this.reconnect = document.getElementById('reconnect');
    this.attempt = 0;
    this.rfb = null;
    this.socket = null;
    this.device = null;
    this.timer = null;
    this.bytes = 0;

    document.getElementById('back').addEventListener('click', () => this.onBack());
    document.getElementById('disconnect').addEventListener('click', () => this.end('you disconnected the session'));
    this.reconnect.addEventListener('click', () => this.open(this.device));
    document.getElementById('cad').addEventListener('click', () => this.rfb?.sendCtrlAltDel());
    document.getElementById('fullscreen').addEventListener('click', () => this.screen.requestFullscreen?.());
    document.getElementById('screenshot').addEventListener('click', () => this.screenshot());
    document.getElementById('clipboard-send').addEventListener('click',
      () => this.rfb?.clipboardPasteFrom(this.clipboardText.value));
    const clipboardToggle = document.getElementById('clipboard-toggle');
    clipboardToggle.addEventListener('click', () => {
      this.clipboard.hidden = !this.clipboard.hidden;
      clipboardToggle.setAttribute('aria-expanded', String(!this.clipboard.hidden));
      if (!this.clipboard.hidden) {
        this.clipboardText.focus();
      }
    });
    this.viewOnly.addEventListener('change', () => {
      if (this.rfb) {
        this.rfb.viewOnly = this.viewOnly.checked;
      }
    });
    this.fit.addEventListener('change', () => this.applyScaling());
    // F8 (TigerVNC's menu key) takes the keyboard back from the device to the toolbar: while the screen has the
    // focus every other key, Tab included, goes to the device. Caught before noVNC sees it.
    window.addEventListener('keydown', (e) => {
      if (e.key === 'F8' && !document.getElementById('session-view').hidden) {
        e.preventDefault();
        e.stopPropagation();
        this.rfb?.blur();
        document.getElementById('back').focus();
      }
    }, true);
    this.quality.addEventListener('change', () => {
      if (this.rfb) {
        this.rfb.quality = this.quality.value;
      }
    });
  }

  /**
   * Shows {@code device}'s session ready to open, opened only when the administrator confirms: what a link brings
   * (the deep link), since a page of any site can send the browser to one.
   */
  offer(device) {
    this.close();
    this.device = device;
    this.title.textContent = shown(device.name);
    this.steps.hidden = true;
    this.figures.textContent = '';
    this.endedText.textContent = `Open a session with ${shown(device.name)}?`;
    this.reconnect.textContent = 'Shadow';
    this.ended.hidden = false;
    this.reconnect.focus();
  }

  /** Opens a session to {@code device} (a ThinClient with the online and details facets). */
  async open(device) {
    this.close();
    const attempt = ++this.attempt;
    this.device = device;
    this.title.textContent = shown(device.name);
    this.ended.hidden = true;
    this.steps.hidden = false;
    this.figures.textContent = '';
    this.mark('ask');
    const started = performance.now();
    let session;
    try {
      session = await api.shadow(device.id, false);
    } catch (e) {
      if (attempt === this.attempt) {
        this.fail(e.message);
      }
      return;
    }
    if (attempt !== this.attempt) {
      return;
    }
    this.mark('accepted');
    const socket = new WebSocket(session.tunnelUrl, ['ums-tunnel', `ums-token.${session.token}`]);
    socket.binaryType = 'arraybuffer';
    this.socket = socket;
    let connected = false;
    socket.addEventListener('close', (e) => {
      if (attempt !== this.attempt) {
        return;
      }
      this.fail(END_SENTENCES[e.code] || e.reason || (connected ? 'the connection to the server was lost' : 'the server refused the tunnel'));
    });
    socket.addEventListener('message', (e) => {
      this.bytes += e.data.byteLength;
    });
    socket.addEventListener('open', () => {
      if (attempt !== this.attempt) {
        socket.close();
        return;
      }
      this.mark('tunnel');
      const rfb = new UmsRFB(this.screen, socket, { shared: true });
      rfb.quality = this.quality.value;
      this.rfb = rfb;
      rfb.viewOnly = this.viewOnly.checked;
      rfb.focusOnClick = true;
      rfb.background = '#282828';
      this.applyScaling();
      rfb.addEventListener('connect', () => {
        connected = true;
        this.firstFrame(attempt, started);
      });
      rfb.addEventListener('clipboard', (e) => { this.clipboardText.value = e.detail.text; });
      rfb.addEventListener('securityfailure', (e) => this.fail(e.detail.reason || 'the device refused the VNC security'));
    }, { once: true });
  }

  /** The first update after the handshake is painted in the animation frame after it arrived. */
  firstFrame(attempt, started) {
    const bytesAtConnect = this.bytes;
    const wait = () => {
      if (attempt !== this.attempt) {
        return;
      }
      if (this.bytes === bytesAtConnect) {
        requestAnimationFrame(wait);
        return;
      }
      requestAnimationFrame(() => {
        if (attempt !== this.attempt) {
          return;
        }
        this.mark(null);
        this.steps.hidden = true;
        this.screen.dataset.firstFrameMs = String(Math.round(performance.now() - started));
        this.screen.dataset.live = 'true';
        this.rfb?.focus();
        this.startFigures();
      });
    };
    wait();
  }

  startFigures() {
    clearInterval(this.keepAlive);
    this.keepAlive = setInterval(() => api.keepAlive(), 60000);
    let last = this.bytes;
    let lastAt = performance.now();
    clearInterval(this.timer);
    this.timer = setInterval(() => {
      const now = performance.now();
      const rate = (this.bytes - last) / 1024 / ((now - lastAt) / 1000);
      last = this.bytes;
      lastAt = now;
      const canvas = this.screen.querySelector('canvas');
      const size = canvas ? `${canvas.width}×${canvas.height}` : '';
      this.figures.textContent = `${size} · ${rate.toFixed(1)} KiB/s`;
    }, 1000);
  }

  applyScaling() {
    if (this.rfb) {
      this.rfb.scaleViewport = this.fit.checked;
      this.rfb.clipViewport = false;
    }
    this.screen.style.overflow = this.fit.checked ? 'hidden' : 'auto';
  }

  mark(step) {
    const at = step === null ? STEPS.length : STEPS.indexOf(step);
    this.steps.querySelectorAll('li').forEach((li, i) => {
      li.classList.toggle('done', i < at);
      li.classList.toggle('active', i === at);
      if (i === at) {
        li.setAttribute('aria-current', 'step');
      } else {
        li.removeAttribute('aria-current');
      }
    });
  }

  screenshot() {
    const canvas = this.screen.querySelector('canvas');
    if (!canvas || !this.rfb) {
      return;
    }
    this.rfb.toBlob((blob) => {
      const a = document.createElement('a');
      const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '').replace('T', '-');
      a.href = URL.createObjectURL(blob);
      a.download = `${shown(this.device.name)}-${stamp}.png`;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(a.href), 10000);
    }, 'image/png');
  }

  fail(reason) {
    this.stop();
    this.endedText.textContent = api.sentence(reason);
    this.reconnect.textContent = 'Reconnect';
    this.ended.hidden = false;
    this.steps.hidden = true;
    this.reconnect.focus();
  }

  end(reason) {
    this.attempt++;
    this.fail(reason);
  }

  stop() {
    clearInterval(this.keepAlive);
    clearInterval(this.timer);
    this.timer = null;
    delete this.screen.dataset.live;
    if (this.rfb) {
      const rfb = this.rfb;
      this.rfb = null;
      rfb.disconnect();
    } else if (this.socket && this.socket.readyState <= WebSocket.OPEN) {
      this.socket.close();
    }
    this.socket = null;
  }

  /**
   * Ends any session without a message (leaving the view, opening another, logging out), and forgets what its device
   * put on the clipboard: that text (a password copied there, say) is the device's, not for the next device's
   * session or the next login on a shared PC.
   */
  close() {
    this.attempt++;
    this.stop();
    this.screen.replaceChildren();
    this.clipboardText.value = '';
  }
}
