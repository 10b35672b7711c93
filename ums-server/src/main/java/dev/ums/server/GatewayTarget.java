package dev.ums.server;

/** A Cloud Gateway the server keeps a control link to: its URL and the pin of its certificate. */
public record GatewayTarget(String url, String fingerprint) {
}
