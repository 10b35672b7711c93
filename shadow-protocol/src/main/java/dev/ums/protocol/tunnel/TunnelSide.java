package dev.ums.protocol.tunnel;

/** The two ends of a shadowing tunnel; each has its own single-use token. */
public enum TunnelSide {
    CONSOLE, DEVICE
}
