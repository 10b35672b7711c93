package dev.ums.protocol.imi;

/** Body of {@code POST /umsapi/v3/thinclients/{id}/shadow}. */
public record ShadowRequest(boolean viewOnly) {
}
