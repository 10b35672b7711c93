package dev.ums.bench.tunnel;

import dev.ums.bench.tunnel.clients.ReceivedMessages;
import dev.ums.bench.tunnel.clients.TunnelClient;
import dev.ums.console.core.ImiClient;
import dev.ums.console.core.ServerAddress;
import dev.ums.protocol.imi.ShadowSession;
import dev.ums.protocol.tls.PinnedTrust;
import dev.ums.protocol.tunnel.Endpoint;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.util.Locale;

/**
 * The console side of one tunnel in a JVM of its own (started by {@link TunnelBenchmark} with a small heap):
 * asks the target to stream, reads nothing for a while and prints the heap in use after a collection once a
 * second, then reads again to show the tunnel survived. Lines: {@code heap <second> <MiB>}, {@code stall-end},
 * {@code resumed <MiB/s>}. The administrator's password comes from {@code BENCH_ADMIN_PASSWORD}.
 * Runs on its main thread only.
 */
public final class StalledReaderProbe {
    private StalledReaderProbe() {
    }

    /** Arguments: client name, server URL, server fingerprint, device id, seconds to stall. */
    public static void main(String[] args) throws Exception {
        String clientName = args[0];
        String server = args[1];
        String fingerprint = args[2];
        String device = args[3];
        int seconds = Integer.parseInt(args[4]);
        ImiClient imi = ImiClient.create(ServerAddress.parse(server), fingerprint);
        imi.login("admin", System.getenv("BENCH_ADMIN_PASSWORD").toCharArray());
        ShadowSession session = imi.startShadow(device, false);
        String pin = session.fingerprint() == null || session.fingerprint().isBlank() ? fingerprint : session.fingerprint();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        try (TunnelClient client = TunnelClient.named(clientName, PinnedTrust.fingerprint(pin));
             Endpoint tunnel = client.open(TunnelBenchmark.webSocketUri(session.tunnelUrl()), session.token())) {
            OutputStream out = tunnel.output();
            out.write('S');
            out.flush();
            System.out.printf(Locale.ROOT, "heap 0 %.1f%n", usedAfterGc(memory));
            for (int s = 1; s <= seconds; s++) {
                Thread.sleep(1000);
                System.out.printf(Locale.ROOT, "heap %d %.1f%n", s, usedAfterGc(memory));
            }
            System.out.println("stall-end " + ReceivedMessages.deliveryThread().replace(' ', '_'));
            InputStream in = tunnel.input();
            byte[] buffer = new byte[64 * 1024];
            long target = 256L << 20;
            long start = System.nanoTime();
            for (long read = 0; read < target; ) {
                int n = in.read(buffer);
                if (n < 0) {
                    throw new IllegalStateException("the tunnel ended after the stall, " + read + " bytes read");
                }
                read += n;
            }
            System.out.printf(Locale.ROOT, "resumed %.0f%n", 256 / ((System.nanoTime() - start) / 1e9));
        } catch (OutOfMemoryError e) {
            System.out.println("out-of-memory");
        }
        System.out.flush();
        System.exit(0);
    }

    private static double usedAfterGc(MemoryMXBean memory) {
        System.gc();
        return memory.getHeapMemoryUsage().getUsed() / 1048576.0;
    }
}
