package dev.ums.server.internal.gateway;

/**
 * Whether this server may hold the link to one gateway now. A gateway keeps one server link (a newer one replaces
 * the older), so of several cluster nodes given the same gateway exactly one links to it at a time, and another
 * takes over when that node dies. A single server always may. Called on the gateway link's own thread.
 */
public interface GatewayLease extends AutoCloseable {
    /** A single server: the link is always its own. */
    GatewayLease ALWAYS = new GatewayLease() {
        @Override
        public boolean held() {
            return true;
        }

        @Override
        public void close() {
        }
    };

    /** Takes the lease if it is free; answers whether this server holds it now. */
    boolean held();

    /** Gives the lease up (the server is stopping). */
    @Override
    void close();
}
