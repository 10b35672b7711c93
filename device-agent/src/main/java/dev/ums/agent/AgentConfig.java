package dev.ums.agent;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How a {@link DeviceAgent} runs: which server it trusts, what it is called, where its VNC server and its
 * credential live, and the device's own shadowing restrictions.
 *
 * @param serverUrl       the server's base URL, {@code https://host:port}
 * @param fingerprint     the SHA-256 fingerprint (64 hex digits) of the server's certificate
 * @param name            the device name shown in the console
 * @param vncAddress      the device's VNC server
 * @param dataDir         where the agent keeps its identity and credential
 * @param promptUser      ask the person at the device before a session starts
 * @param allowInput      let remote viewers type and point
 * @param enrollmentToken the one-time enrollment secret, needed only while no credential is stored; may be null
 * @param prompt          how to ask the person at the device; null picks one by the display
 */
public record AgentConfig(String serverUrl, String fingerprint, String name, InetSocketAddress vncAddress,
                          Path dataDir, boolean promptUser, boolean allowInput, String enrollmentToken,
                          ConsentPrompt prompt) {
    public static final InetSocketAddress DEFAULT_VNC = InetSocketAddress.createUnresolved("127.0.0.1", 5900);

    public AgentConfig {
        Objects.requireNonNull(serverUrl, "serverUrl");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(vncAddress, "vncAddress");
        Objects.requireNonNull(dataDir, "dataDir");
        if (name.isBlank()) {
            throw new IllegalArgumentException("the device name must not be empty");
        }
    }

    /** A configuration with the defaults: VNC on 127.0.0.1:5900, prompt on, input allowed. */
    public static AgentConfig of(String serverUrl, String fingerprint, String name, Path dataDir, String enrollmentToken) {
        return new AgentConfig(serverUrl, fingerprint, name, DEFAULT_VNC, dataDir, true, true, enrollmentToken, null);
    }

    /** The per-user default data directory for an agent called {@code name}. */
    public static Path defaultDataDir(String name) {
        String xdg = System.getenv("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".local", "share");
        return base.resolve("ums").resolve("agent-" + name.replaceAll("[^A-Za-z0-9._-]", "_"));
    }

    /** Parses {@code HOST:PORT} (or {@code [v6]:PORT}) into an unresolved address. */
    public static InetSocketAddress parseAddress(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0 || colon == hostPort.length() - 1) {
            throw new IllegalArgumentException("expected HOST:PORT, got \"" + hostPort + "\"");
        }
        String host = hostPort.substring(0, colon).replaceAll("^\\[|]$", "");
        try {
            int port = Integer.parseInt(hostPort.substring(colon + 1));
            return InetSocketAddress.createUnresolved(host, port);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("expected HOST:PORT, got \"" + hostPort + "\"");
        }
    }

    public AgentConfig withVncAddress(InetSocketAddress address) {
        return new AgentConfig(serverUrl, fingerprint, name, address, dataDir, promptUser, allowInput, enrollmentToken, prompt);
    }

    public AgentConfig withPrompt(boolean promptUser, ConsentPrompt prompt) {
        return new AgentConfig(serverUrl, fingerprint, name, vncAddress, dataDir, promptUser, allowInput, enrollmentToken, prompt);
    }

    public AgentConfig withAllowInput(boolean allowInput) {
        return new AgentConfig(serverUrl, fingerprint, name, vncAddress, dataDir, promptUser, allowInput, enrollmentToken, prompt);
    }

    /** Hides the enrollment token from logs. */
    @Override
    public String toString() {
        return "AgentConfig[server=" + serverUrl + ", name=" + name + ", vnc=" + vncAddress + ", dataDir=" + dataDir
                + ", promptUser=" + promptUser + ", allowInput=" + allowInput + "]";
    }
}
