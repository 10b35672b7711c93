// noVNC's RFB with a quality choice the web app offers: "lossless" leaves JPEG, H.264 and the JPEG quality
// level out of the encodings it announces, so a server sends only exact pixels (Tight without JPEG, ZRLE, …);
// a number 0–9 is noVNC's own JPEG quality level.
import RFB from './novnc/core/rfb.js';
import { encodings } from './novnc/core/encodings.js';

function lossy(encoding) {
  return encoding === encodings.encodingJPEG || encoding === encodings.encodingH264
    || (encoding >= encodings.pseudoEncodingQualityLevel0 && encoding <= encodings.pseudoEncodingQualityLevel9);
}

export default class UmsRFB extends RFB {
  constructor(target, channel, options) {
    super(target, channel, options);
    this.umsLossless = true;
  }

  /** 'lossless' or a JPEG quality level 0–9; takes effect at once on a running session. */
  set quality(value) {
    if (value === 'lossless') {
      this.umsLossless = true;
      if (this._rfbConnectionState === 'connected') {
        this._sendEncodings();
      }
    } else {
      this.umsLossless = false;
      this.qualityLevel = Number(value);
      if (this._rfbConnectionState === 'connected') {
        this._sendEncodings();
      }
    }
  }

  _sendEncodings() {
    if (!this.umsLossless) {
      super._sendEncodings();
      return;
    }
    const announce = RFB.messages.clientEncodings;
    RFB.messages.clientEncodings = (sock, list) => announce(sock, list.filter((e) => !lossy(e)));
    try {
      super._sendEncodings();
    } finally {
      RFB.messages.clientEncodings = announce;
    }
  }
}
