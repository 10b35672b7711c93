package dev.ums.agent.internal.shadow;

import dev.ums.agent.ConsentPrompt;
import dev.ums.agent.internal.rfb.InputFilteringEndpoint;
import dev.ums.protocol.imi.ShadowSettings;
import dev.ums.protocol.tunnel.Endpoint;
import dev.ums.protocol.up.ShadowOutcome;
import dev.ums.protocol.up.UpMessage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One shadow request on the device, from {@code shadow.open} to {@code shadow.closed}: apply the stricter
 * settings, ask the user, reach the VNC server, open the tunnel, answer, then pump bytes until either side
 * ends. Runs on a session executor thread (it blocks on the prompt and on connecting), never on the UP
 * listener.
 */
final class ShadowSession extends DeviceSide {
    private static final Logger LOG = LoggerFactory.getLogger(ShadowSession.class);

    private final InetSocketAddress vncAddress;
    private final ConsentPrompt prompt;

    ShadowSession(UpMessage.ShadowOpen open, ShadowSettings local, InetSocketAddress vncAddress, ConsentPrompt prompt,
                  TunnelOpener tunnels, UpSender up) {
        super(open, local, tunnels, up);
        this.vncAddress = vncAddress;
        this.prompt = prompt;
    }

    @Override
    Optional<Joined> serve(TunnelJoin join, ShadowSettings effective) {
        UpMessage.ShadowOpen open = request();
        if (effective.promptUser()) {
            ConsentPrompt.Answer answer = prompt.ask(new ConsentPrompt.Request(id(), open.admin(), open.viewOnly()));
            if (!answer.accepted()) {
                return join.refuse(ShadowOutcome.DECLINED, answer.message());
            }
        }
        boolean filterInput = open.viewOnly() || !effective.allowInput();
        LOG.info("session {}: {} connecting to {}{}", id(), ShownValue.of(open.admin()), hostPort(),
                filterInput ? ", input dropped" : "");
        return join.join(resolved(), ShadowOutcome.NO_VNC_SERVER,
                e -> "no VNC server at " + hostPort() + " (" + reason(e) + ")",
                vnc -> filterInput ? new InputFilteringEndpoint(Endpoint.of(vnc), id()) : Endpoint.of(vnc),
                "shadow-" + id());
    }

    private InetSocketAddress resolved() {
        return vncAddress.isUnresolved() ? new InetSocketAddress(vncAddress.getHostString(), vncAddress.getPort()) : vncAddress;
    }

    private String hostPort() {
        return vncAddress.getHostString() + ":" + vncAddress.getPort();
    }

    private static String reason(IOException e) {
        if (e instanceof java.net.ConnectException) {
            return "connection refused";
        }
        if (e instanceof java.net.SocketTimeoutException) {
            return "no answer";
        }
        if (e instanceof java.net.UnknownHostException) {
            return "unknown host";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
