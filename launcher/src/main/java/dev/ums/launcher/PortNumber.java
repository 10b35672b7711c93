package dev.ums.launcher;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A TCP port option's value, 0 (any free port) to 65535, refused while the command line is read: a server that
 * got as far as trying to listen has already made its data directory and, on a first start, its administrator.
 */
final class PortNumber implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
        try {
            int port = Integer.parseInt(value.strip());
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // told below
        }
        throw new TypeConversionException("'" + value + "' is not a port number (0 to 65535)");
    }
}
