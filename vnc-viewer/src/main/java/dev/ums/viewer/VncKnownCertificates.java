package dev.ums.viewer;

import dev.ums.protocol.io.OwnerOnlyReplacement;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The certificates trusted on first use, one line per server: {@code host:port sha256-hex}. Kept in a file (written
 * whole to a new owner-only part file beside it and moved into place, so a crash never leaves half a file, other users
 * cannot read which servers were met, and no link planted beside it is followed) or only in memory. Safe to call from
 * any thread.
 */
public final class VncKnownCertificates {
    private final Path file;
    private final Map<String, String> inMemory = new TreeMap<>();

    private VncKnownCertificates(Path file) {
        this.file = file;
    }

    /** A store in {@code file}, which is created (with its folders) when the first certificate is remembered. */
    public static VncKnownCertificates inFile(Path file) {
        return new VncKnownCertificates(file);
    }

    /** A store that forgets everything when the program ends. */
    public static VncKnownCertificates inMemory() {
        return new VncKnownCertificates(null);
    }

    /** Where the certificates are remembered, for a sentence: "in FILE" or "in this program's memory". */
    public String where() {
        return file == null ? "in this program's memory" : "in " + file;
    }

    /** The remembered fingerprint of {@code server}, or null. */
    public synchronized String fingerprint(String server) {
        return read().get(server);
    }

    public synchronized void remember(String server, String fingerprint) {
        if (server.isBlank() || server.contains(" ") || server.contains("\n")) {
            throw new IllegalArgumentException("A server is named as host:port, not \"" + server + "\".");
        }
        Map<String, String> all = read();
        all.put(server, VncServerCertificate.normalize(fingerprint));
        if (file == null) {
            inMemory.putAll(all);
            return;
        }
        List<String> lines = new ArrayList<>();
        all.forEach((s, f) -> lines.add(s + " " + f));
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            OwnerOnlyReplacement.write(file, out -> out.write(String.join(System.lineSeparator(), lines)
                    .concat(System.lineSeparator()).getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the known VNC certificates to " + file + ".", e);
        }
    }

    private Map<String, String> read() {
        if (file == null) {
            return new TreeMap<>(inMemory);
        }
        Map<String, String> all = new TreeMap<>();
        if (!Files.exists(file)) {
            return all;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] parts = line.strip().split("\\s+");
                if (parts.length == 2) {
                    all.put(parts[0], parts[1]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the known VNC certificates from " + file + ".", e);
        }
        return all;
    }
}
