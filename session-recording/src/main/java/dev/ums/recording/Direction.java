package dev.ums.recording;

/** Which side of the tunnel sent a recorded chunk. */
public enum Direction {
    /** Bytes the device's VNC server sent: the screen. */
    FROM_DEVICE,
    /** Bytes the console (viewer) sent: the handshake answers and the input events. */
    FROM_CONSOLE
}
