package dev.ums.demo.internal.vnc;

import java.io.IOException;

/** A client asked for something this server does not do; the message is the one-sentence reason logged. */
public final class RfbRefusal extends IOException {
    private static final long serialVersionUID = 1L;

    public RfbRefusal(String reason) {
        super(reason);
    }
}
