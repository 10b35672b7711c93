package dev.ums.agent.internal.up;

import dev.ums.protocol.imi.Enrollment;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Properties;

/**
 * The agent's data directory: the device's stable identity (a generated unit id and MAC, so the server
 * sees the same device across restarts, and the enrollment key that lets it repeat an enrollment whose answer was
 * lost) and the credential it got at enrollment, in files only the owner can read. A file that cannot be read back is reported with one sentence naming it and saying what to do. Called
 * from the agent's starting thread.
 */
public record CredentialStore(Path dir) {
    private static final String IDENTITY_FILE = "identity.properties";
    private static final String CREDENTIAL_FILE = "credential.properties";
    private static final String ENROLLMENT_KEY = "enrollmentKey";
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    /** The device's identity, generated and saved on first use. */
    public DeviceIdentity identity() throws IOException {
        Path file = dir.resolve(IDENTITY_FILE);
        if (Files.exists(file)) {
            Properties p = load(file, CredentialStore::identityDamaged);
            String unitId = p.getProperty("unitId");
            String mac = p.getProperty("mac");
            if (unitId == null || mac == null) {
                throw identityDamaged(file, "no unitId or no mac");
            }
            return new DeviceIdentity(unitId, mac);
        }
        DeviceIdentity identity = generate();
        Properties p = new Properties();
        p.setProperty("unitId", identity.unitId());
        p.setProperty("mac", identity.mac());
        save(file, p);
        return identity;
    }

    /**
     * The device's enrollment key: a random secret made at the first enrollment attempt and kept with the identity, so
     * that an attempt whose answer never came (a gateway that stopped waiting, a dropped connection) can be repeated
     * with the same token (docs/SECURITY.md). Identity files from before it get one added.
     */
    public String enrollmentKey() throws IOException {
        Path file = dir.resolve(IDENTITY_FILE);
        identity();
        Properties p = load(file, CredentialStore::identityDamaged);
        String key = p.getProperty(ENROLLMENT_KEY);
        if (key != null && !key.isBlank()) {
            return key;
        }
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        key = HexFormat.of().formatHex(random);
        p.setProperty(ENROLLMENT_KEY, key);
        save(file, p);
        return key;
    }

    /** The stored enrollment, if the device enrolled before. */
    public Optional<Enrollment> enrollment() throws IOException {
        Path file = dir.resolve(CREDENTIAL_FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Properties p = load(file, CredentialStore::credentialDamaged);
        String id = p.getProperty("deviceId");
        String credential = p.getProperty("credential");
        if (id == null || credential == null) {
            throw credentialDamaged(file, null);
        }
        return Optional.of(new Enrollment(id, credential));
    }

    public void saveEnrollment(Enrollment enrollment) throws IOException {
        Properties p = new Properties();
        p.setProperty("deviceId", enrollment.deviceId());
        p.setProperty("credential", enrollment.credential());
        save(dir.resolve(CREDENTIAL_FILE), p);
    }

    Path credentialFile() {
        return dir.resolve(CREDENTIAL_FILE);
    }

    private static DeviceIdentity generate() {
        byte[] mac = new byte[6];
        new SecureRandom().nextBytes(mac);
        // Locally administered, unicast: cannot collide with a vendor-assigned MAC.
        mac[0] = (byte) ((mac[0] & 0xfc) | 0x02);
        String hex = HexFormat.of().withUpperCase().formatHex(mac);
        return new DeviceIdentity(hex, hex);
    }

    /** Reads {@code file}; text that is no properties file (a broken escape, not UTF-8) is {@code damaged}. */
    private static Properties load(Path file, Damaged damaged) throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IllegalArgumentException e) {
            throw damaged.at(file, e.getMessage() == null ? null : e.getMessage().replaceAll("\\.$", ""));
        } catch (CharacterCodingException e) {
            throw damaged.at(file, "not UTF-8 text");
        }
        return p;
    }

    private static IOException identityDamaged(Path file, String detail) {
        return new IOException("the device identity file " + file + " is damaged" + (detail == null ? "" : " (" + detail
                + ")") + "; move it away and the agent gives the device a new unit id and MAC at its next start");
    }

    private static IOException credentialDamaged(Path file, String detail) {
        return new IOException("the credential file " + file + " is damaged" + (detail == null ? "" : " (" + detail + ")")
                + "; delete it and enroll again");
    }

    /** The sentence for one data file that cannot be read back, with what was wrong if known. */
    private interface Damaged {
        IOException at(Path file, String detail);
    }

    /** Writes owner-only from the start (never world-readable for a moment), then moves into place. */
    private void save(Path file, Properties p) throws IOException {
        if (!Files.isDirectory(dir) && POSIX) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(dir);
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        if (POSIX) {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(tmp);
        }
        try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            p.store(out, "UMS device agent");
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
