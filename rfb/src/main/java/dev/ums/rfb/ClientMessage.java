package dev.ums.rfb;

/** A message from client to server, encoded to its exact wire bytes so it can wait in a queue. */
public interface ClientMessage {
    byte[] encode();
}
