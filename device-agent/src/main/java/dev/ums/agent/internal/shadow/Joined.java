package dev.ums.agent.internal.shadow;

import dev.ums.protocol.tunnel.BytePump;
import dev.ums.protocol.tunnel.WebSocketEndpoint;

/**
 * A device-side session whose bytes flow: its pump, and the tunnel it pumps into, which the agent closes with a
 * typed reason when the person at the device ends the session. Any thread.
 */
record Joined(BytePump pump, WebSocketEndpoint tunnel) {
}
