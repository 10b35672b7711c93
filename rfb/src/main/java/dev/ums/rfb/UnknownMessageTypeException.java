package dev.ums.rfb;

import java.io.IOException;

/** A message type (or QEMU message kind) whose length is unknown, so nothing after it can be parsed. */
public final class UnknownMessageTypeException extends IOException {
    private static final long serialVersionUID = 1L;

    private final int type;
    private final int qemuKind;

    /** @param qemuKind the QEMU message's kind when that is what is unknown, else -1 */
    public UnknownMessageTypeException(int type, int qemuKind) {
        super(qemuKind >= 0 ? "unknown QEMU message kind " + qemuKind : "unknown message type " + type);
        this.type = type;
        this.qemuKind = qemuKind;
    }

    public int type() {
        return type;
    }

    /** The unknown QEMU kind, or -1 when the type itself is unknown. */
    public int qemuKind() {
        return qemuKind;
    }
}
