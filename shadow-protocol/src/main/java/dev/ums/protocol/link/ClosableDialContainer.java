package dev.ums.protocol.link;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.DeploymentException;
import java.io.IOException;
import java.util.Map;
import org.glassfish.tyrus.container.grizzly.client.GrizzlyClientContainer;
import org.glassfish.tyrus.spi.ClientContainer;
import org.glassfish.tyrus.spi.ClientEngine;

/**
 * Tyrus's Grizzly client container whose dials a {@link ControlLink} can close before they open: the link puts a
 * fresh {@link DialCloser} into its client's properties under {@link #DIAL} before each dial, and the dial runs on a
 * transport of its own (not Tyrus's shared container) so that closing it closes its socket. Public only because
 * Tyrus creates its container by class name. Tyrus's threads call it.
 */
public final class ClosableDialContainer implements ClientContainer {
    /** The property holding the {@link DialCloser} of the dial being opened. */
    static final String DIAL = ClosableDialContainer.class.getName() + ".dial";

    private final GrizzlyClientContainer grizzly = new GrizzlyClientContainer();

    @Override
    public void openClientSocket(ClientEndpointConfig config, Map<String, Object> properties, ClientEngine engine)
            throws DeploymentException, IOException {
        Object closer = properties.get(DIAL);
        grizzly.openClientSocket(config, properties, closer instanceof DialCloser c ? c.watch(engine) : engine);
    }
}
