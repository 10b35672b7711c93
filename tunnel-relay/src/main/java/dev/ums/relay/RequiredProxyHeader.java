package dev.ums.relay;

import java.nio.ByteBuffer;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.ProxyConnectionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PROXY protocol (v1 or v2), required: the load balancer's port takes a connection only when it begins with
 * the balancer's header naming the client; anything else is closed, so nobody who reaches that port directly can
 * pass for another address. Called on Jetty's selector threads.
 */
final class RequiredProxyHeader extends ProxyConnectionFactory {
    private static final Logger LOG = LoggerFactory.getLogger(RequiredProxyHeader.class);

    RequiredProxyHeader(String nextProtocol) {
        super(nextProtocol);
    }

    @Override
    protected void nextProtocol(Connector connector, EndPoint endPoint, ByteBuffer buffer) {
        LOG.warn("closed a connection from {} on the load balancer's port: it did not begin with a PROXY header",
                endPoint.getRemoteSocketAddress());
        endPoint.close();
    }
}
