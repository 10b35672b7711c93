package dev.ums.launcher;

/**
 * A TCP port option's value, 0 (any free port) to 65535, refused while the command line is read: a server that
 * got as far as trying to listen has already made its data directory and, on a first start, its administrator.
 */
final class PortNumber extends WholeNumberWithin {
    PortNumber() {
        super(0, 65535, "a port number (0 to 65535)");
    }
}
