package dev.ums.bench.cluster;

import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.http.HttpClient;

/**
 * Gives the simulated devices their own source addresses on the loopback network (127.1.0.1 onwards; all of 127/8
 * is local on Linux), {@code perAddress} devices on each, so that a node's limits per address see a fleet as they
 * would in the field (where few devices share an address) instead of one address for all. The JDK HTTP client binds
 * its sockets to a local address from Java 19 on ({@code HttpClient.Builder.localAddress}); on an older JVM, every
 * device comes from 127.0.0.1 and {@link #distinct()} says so. Called by the benchmark's main thread.
 */
final class SourceAddresses {
    private static final Method LOCAL_ADDRESS = localAddressMethod();
    private final int perAddress;

    SourceAddresses(int perAddress) {
        this.perAddress = Math.max(1, perAddress);
    }

    /** Whether the devices get distinct addresses in this JVM. */
    boolean distinct() {
        return LOCAL_ADDRESS != null;
    }

    int perAddress() {
        return perAddress;
    }

    /** How many addresses {@code devices} devices use. */
    int count(int devices) {
        return distinct() ? (devices + perAddress - 1) / perAddress : 1;
    }

    /** The address of the {@code index}th group of devices: 127.1.0.1, …, 127.1.0.250, 127.1.1.1, … */
    static InetAddress address(int index) {
        try {
            return InetAddress.getByAddress(new byte[] {127, 1, (byte) (index / 250), (byte) (index % 250 + 1)});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Binds the client's sockets to the {@code index}th address, where this JVM can. */
    HttpClient.Builder bind(HttpClient.Builder builder, int index) {
        if (LOCAL_ADDRESS == null) {
            return builder;
        }
        try {
            return (HttpClient.Builder) LOCAL_ADDRESS.invoke(builder, address(index));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot bind the devices' client to " + address(index), e);
        }
    }

    private static Method localAddressMethod() {
        try {
            return HttpClient.Builder.class.getMethod("localAddress", InetAddress.class);
        } catch (NoSuchMethodException e) {
            return null;
        }
    }
}
