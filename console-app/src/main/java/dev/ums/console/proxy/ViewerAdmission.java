package dev.ums.console.proxy;

import dev.ums.protocol.io.ProcessOwner;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may be the proxy's viewer: on a port of this machine's loopback, any program can connect, and the first to
 * connect gets the device's desktop; so a connection from loopback is admitted only when it was opened by the user the
 * console runs as (on Linux, where the kernel's socket tables name each socket's owner). Another user's program is
 * refused and the proxy keeps waiting for the viewer. A connection from another machine (the user chose a listen
 * address that is not loopback) is admitted, and so is every connection where the tables cannot be read (not Linux).
 * Any thread.
 */
final class ViewerAdmission {
    private static final Logger LOG = LoggerFactory.getLogger(ViewerAdmission.class);
    private static final List<Path> TABLES = List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));

    private ViewerAdmission() {
    }

    /** Whether {@code viewer}, just accepted, may have the session; a refusal is logged by the caller. */
    static boolean admits(Socket viewer) {
        if (!(viewer.getRemoteSocketAddress() instanceof InetSocketAddress from)
                || !(viewer.getLocalSocketAddress() instanceof InetSocketAddress to)
                || !from.getAddress().isLoopbackAddress()) {
            return true;
        }
        return admits(from, to, ownUid(), tables());
    }

    /**
     * The decision for a connection from {@code from} to {@code to}, the user running the proxy being {@code self}
     * and {@code table} the kernel's socket tables (empty when they cannot be read): a loopback connection only when
     * its open socket's owner is {@code self}; any connection where that cannot be told.
     */
    static boolean admits(InetSocketAddress from, InetSocketAddress to, OptionalInt self, List<String> table) {
        if (!from.getAddress().isLoopbackAddress()) {
            return true;
        }
        if (self.isEmpty() || table.isEmpty()) {
            LOG.debug("who opened {} cannot be told on this system; admitted", from);
            return true;
        }
        OptionalInt owner = ConnectionOwners.ownerOf(table, from, to);
        return owner.isPresent() && owner.getAsInt() == self.getAsInt();
    }

    /** The user who owns {@code viewer}'s far end, for the log; "unknown" when it cannot be told. */
    static String ownerText(Socket viewer) {
        if (viewer.getRemoteSocketAddress() instanceof InetSocketAddress from
                && viewer.getLocalSocketAddress() instanceof InetSocketAddress to) {
            OptionalInt owner = ConnectionOwners.ownerOf(tables(), from, to);
            return owner.isPresent() ? "uid " + owner.getAsInt() : "an unknown user";
        }
        return "an unknown user";
    }

    private static OptionalInt ownUid() {
        return ProcessOwner.statusUid();
    }

    private static List<String> tables() {
        List<String> lines = new ArrayList<>();
        for (Path table : TABLES) {
            try {
                lines.addAll(Files.readAllLines(table));
            } catch (NoSuchFileException e) {
                LOG.trace("no {}", table);
            } catch (IOException e) {
                LOG.debug("cannot read {}", table, e);
            }
        }
        return lines;
    }
}
