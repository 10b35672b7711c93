package dev.ums.agent;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How a {@link DeviceAgent} runs: which server it trusts, what it is called, where its VNC server and its
 * credential live, and the device's own shadowing restrictions.
 *
 * @param serverUrl       the server's base URL, {@code https://host:port}, or a Cloud Gateway's (it serves the
 *                        same device paths and forwards everything to the server)
 * @param fingerprint     the SHA-256 fingerprint (64 hex digits) of that server's or gateway's certificate
 * @param name            the device name shown in the console
 * @param vncAddress      the device's VNC server
 * @param dataDir         where the agent keeps its identity and credential
 * @param promptUser      ask the person at the device before a session starts
 * @param allowInput      let remote viewers type and point
 * @param enrollmentToken the one-time enrollment secret, needed only while no credential is stored; may be null
 * @param prompt          how to ask the person at the device; null picks one by the display
 * @param osVersion       {@code "12"} (shadowing through the server's tunnels) or {@code "11"} (secure VNC: the
 *                        agent also listens with TLS on {@code securePort} for consoles that hold a session password)
 * @param securePort      the OS 11 secure VNC port (0 = any free port); unused for OS 12
 * @param secureBind      the address the secure VNC port is bound to; null for every interface (consoles reach a
 *                        device at the address its server saw)
 * @param indicator       how to show the person at the device that it is shadowed; null shows nothing (an agent
 *                        embedded in another process, whose {@code DISPLAY} is not the device's screen); the
 *                        {@code ums agent} command shows it on its {@code DISPLAY}
 */
public record AgentConfig(String serverUrl, String fingerprint, String name, InetSocketAddress vncAddress,
                          Path dataDir, boolean promptUser, boolean allowInput, String enrollmentToken,
                          ConsentPrompt prompt, String osVersion, int securePort, InetAddress secureBind,
                          SessionIndicator indicator) {
    public static final InetSocketAddress DEFAULT_VNC = InetSocketAddress.createUnresolved("127.0.0.1", 5900);
    /** Where OS 11 devices listen for secure VNC, as the vendor documents it. */
    public static final int DEFAULT_SECURE_PORT = 5900;
    public static final String OS_12 = "12";
    public static final String OS_11 = "11";

    /** An OS 12 agent, as before OS 11 support existed (kept so existing callers need no change). */
    public AgentConfig(String serverUrl, String fingerprint, String name, InetSocketAddress vncAddress,
                       Path dataDir, boolean promptUser, boolean allowInput, String enrollmentToken,
                       ConsentPrompt prompt) {
        this(serverUrl, fingerprint, name, vncAddress, dataDir, promptUser, allowInput, enrollmentToken, prompt,
                OS_12, DEFAULT_SECURE_PORT);
    }

    /** An agent without a session indicator. */
    public AgentConfig(String serverUrl, String fingerprint, String name, InetSocketAddress vncAddress,
                       Path dataDir, boolean promptUser, boolean allowInput, String enrollmentToken,
                       ConsentPrompt prompt, String osVersion, int securePort, InetAddress secureBind) {
        this(serverUrl, fingerprint, name, vncAddress, dataDir, promptUser, allowInput, enrollmentToken, prompt,
                osVersion, securePort, secureBind, null);
    }

    /** An agent whose OS 11 secure VNC port, if it has one, listens on every interface. */
    public AgentConfig(String serverUrl, String fingerprint, String name, InetSocketAddress vncAddress,
                       Path dataDir, boolean promptUser, boolean allowInput, String enrollmentToken,
                       ConsentPrompt prompt, String osVersion, int securePort) {
        this(serverUrl, fingerprint, name, vncAddress, dataDir, promptUser, allowInput, enrollmentToken, prompt,
                osVersion, securePort, null);
    }

    public AgentConfig {
        Objects.requireNonNull(osVersion, "osVersion");
        if (!OS_12.equals(osVersion) && !OS_11.equals(osVersion)) {
            throw new IllegalArgumentException("the OS version must be 11 or 12, got \"" + osVersion + "\"");
        }
        if (securePort < 0 || securePort > 65535) {
            throw new IllegalArgumentException("the secure VNC port must be between 0 and 65535, got " + securePort);
        }
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
        return new AgentConfig(serverUrl, fingerprint, name, address, dataDir, promptUser, allowInput, enrollmentToken, prompt,
                osVersion, securePort, secureBind, indicator);
    }

    public AgentConfig withPrompt(boolean promptUser, ConsentPrompt prompt) {
        return new AgentConfig(serverUrl, fingerprint, name, vncAddress, dataDir, promptUser, allowInput, enrollmentToken, prompt,
                osVersion, securePort, secureBind, indicator);
    }

    public AgentConfig withAllowInput(boolean allowInput) {
        return new AgentConfig(serverUrl, fingerprint, name, vncAddress, dataDir, promptUser, allowInput, enrollmentToken, prompt,
                osVersion, securePort, secureBind, indicator);
    }

    /** An OS 11 device: enrolls with its own certificate and serves secure VNC on {@code port} (0 = any free port). */
    public AgentConfig withSecureVnc(int port) {
        return withSecureVnc(port, null);
    }

    /** An OS 11 device serving secure VNC on {@code port} of {@code bind} only (null: every interface). */
    public AgentConfig withSecureVnc(int port, InetAddress bind) {
        return new AgentConfig(serverUrl, fingerprint, name, vncAddress, dataDir, promptUser, allowInput, enrollmentToken, prompt,
                OS_11, port, bind, indicator);
    }

    /** Shows the session indicator with {@code indicator} ({@link SessionIndicator#NONE}: not at all). */
    public AgentConfig withIndicator(SessionIndicator indicator) {
        return new AgentConfig(serverUrl, fingerprint, name, vncAddress, dataDir, promptUser, allowInput, enrollmentToken, prompt,
                osVersion, securePort, secureBind, indicator);
    }

    public boolean secureVnc() {
        return OS_11.equals(osVersion);
    }

    /** Hides the enrollment token from logs. */
    @Override
    public String toString() {
        return "AgentConfig[server=" + serverUrl + ", name=" + name + ", vnc=" + vncAddress + ", dataDir=" + dataDir
                + ", promptUser=" + promptUser + ", allowInput=" + allowInput + ", os=" + osVersion
                + (secureVnc() ? ", securePort=" + securePort : "")
                + (secureVnc() && secureBind != null ? ", secureBind=" + secureBind.getHostAddress() : "") + "]";
    }
}
