package dev.ums.icg.internal;

import java.io.IOException;

/**
 * A request to the server failed because a newer server link replaced the one it went out on (a node that took over
 * from one that died without closing its connection): its answer will not come, and the request may be made again on
 * the new link.
 */
final class LinkReplacedException extends IOException {
    static final String SENTENCE = "the gateway's link to its UMS server was replaced before the server answered";

    LinkReplacedException() {
        super(SENTENCE);
    }
}
