package dev.ums.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The established TCP connections of one process, read with {@code ss -tnp}: for tests that check which
 * parties a process talks to. Connections between two sockets of the process itself (loopback pairs) are
 * left out, since they reach nobody else.
 */
final class TcpPeers {
    /** Local and peer address of an {@code ss} line, e.g. {@code [::ffff:127.0.0.1]:8443} or {@code 127.0.0.1:5900}. */
    private static final Pattern ADDRESSES = Pattern.compile("(\\S+:\\d+)\\s+(\\S+:\\d+)\\s+users:");

    private TcpPeers() {
    }

    /** The ports of the remote ends of {@code pid}'s established connections to other processes. */
    static Set<Integer> of(long pid) throws IOException, InterruptedException {
        Process ss = new ProcessBuilder("ss", "-tnpH", "state", "established").redirectErrorStream(true).start();
        String output = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!ss.waitFor(10, TimeUnit.SECONDS) || ss.exitValue() != 0) {
            throw new IOException("ss failed: " + output);
        }
        Set<String> locals = new HashSet<>();
        Set<String> peers = new HashSet<>();
        for (String line : output.split("\n")) {
            Matcher m = ADDRESSES.matcher(line);
            if (line.contains("pid=" + pid + ",") && m.find()) {
                locals.add(normalize(m.group(1)));
                peers.add(normalize(m.group(2)));
            }
        }
        Set<Integer> ports = new HashSet<>();
        for (String peer : peers) {
            if (!locals.contains(peer)) {
                ports.add(Integer.parseInt(peer.substring(peer.lastIndexOf(':') + 1)));
            }
        }
        return ports;
    }

    private static String normalize(String address) {
        return address.replace("[::ffff:", "").replace("]", "");
    }
}
