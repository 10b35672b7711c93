package dev.ums.agent;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How a {@link DeviceAgent} runs: which server it trusts, what it is called, where its VNC server and its
 * credential live, and the device's own shadowing restrictions. Made with {@link #builder}; immutable.
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

    /**
     * A configuration with the defaults, changed by the builder's calls: VNC on 127.0.0.1:5900, the user asked
     * (with the prompt the display suggests), input allowed, no enrollment token, OS 12.
     */
    public static Builder builder(String serverUrl, String fingerprint, String name, Path dataDir) {
        return new Builder(serverUrl, fingerprint, name, dataDir);
    }

    /** This configuration, to change some of it. */
    public Builder toBuilder() {
        return new Builder(serverUrl, fingerprint, name, dataDir).vnc(vncAddress).promptUser(promptUser).prompt(prompt)
                .allowInput(allowInput).enrollmentToken(enrollmentToken).os(osVersion, securePort, secureBind)
                .indicator(indicator);
    }

    /** Collects an {@link AgentConfig}; {@link #build()} checks it. One thread. */
    public static final class Builder {
        private final String serverUrl;
        private final String fingerprint;
        private final String name;
        private final Path dataDir;
        private InetSocketAddress vncAddress = DEFAULT_VNC;
        private boolean promptUser = true;
        private ConsentPrompt prompt;
        private boolean allowInput = true;
        private String enrollmentToken;
        private String osVersion = OS_12;
        private int securePort = DEFAULT_SECURE_PORT;
        private InetAddress secureBind;
        private SessionIndicator indicator;

        private Builder(String serverUrl, String fingerprint, String name, Path dataDir) {
            this.serverUrl = serverUrl;
            this.fingerprint = fingerprint;
            this.name = name;
            this.dataDir = dataDir;
        }

        public Builder vnc(InetSocketAddress address) {
            this.vncAddress = address;
            return this;
        }

        /** Whether the person at the device is asked before a session starts. */
        public Builder promptUser(boolean ask) {
            this.promptUser = ask;
            return this;
        }

        /** How the person at the device is asked; null picks one by the display. */
        public Builder prompt(ConsentPrompt how) {
            this.prompt = how;
            return this;
        }

        public Builder allowInput(boolean allow) {
            this.allowInput = allow;
            return this;
        }

        /** Needed only while no credential is stored; may be null. */
        public Builder enrollmentToken(String token) {
            this.enrollmentToken = token;
            return this;
        }

        /** {@code "12"} or {@code "11"}, and for OS 11 the secure VNC port (0: any free one) and address (null: all). */
        public Builder os(String version, int port, InetAddress bind) {
            this.osVersion = version;
            this.securePort = port;
            this.secureBind = bind;
            return this;
        }

        /** Shows the session indicator this way; null (the default) or {@link SessionIndicator#NONE}: not at all. */
        public Builder indicator(SessionIndicator how) {
            this.indicator = how;
            return this;
        }

        public AgentConfig build() {
            return new AgentConfig(serverUrl, fingerprint, name, vncAddress, dataDir, promptUser, allowInput,
                    enrollmentToken, prompt, osVersion, securePort, secureBind, indicator);
        }
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
        return toBuilder().vnc(address).build();
    }

    public AgentConfig withPrompt(boolean promptUser, ConsentPrompt prompt) {
        return toBuilder().promptUser(promptUser).prompt(prompt).build();
    }

    public AgentConfig withAllowInput(boolean allowInput) {
        return toBuilder().allowInput(allowInput).build();
    }

    /** An OS 11 device: enrolls with its own certificate and serves secure VNC on {@code port} (0 = any free port). */
    public AgentConfig withSecureVnc(int port) {
        return withSecureVnc(port, null);
    }

    /** An OS 11 device serving secure VNC on {@code port} of {@code bind} only (null: every interface). */
    public AgentConfig withSecureVnc(int port, InetAddress bind) {
        return toBuilder().os(OS_11, port, bind).build();
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
