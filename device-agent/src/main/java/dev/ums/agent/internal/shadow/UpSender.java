package dev.ums.agent.internal.shadow;

import dev.ums.protocol.up.UpMessage;

/** Where a shadow session reports to the server: the device's current UP connection. Never blocks. */
@FunctionalInterface
public interface UpSender {
    void send(UpMessage message);
}
