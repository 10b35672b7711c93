package dev.ums.protocol.up;

/**
 * How a device's id is written: the decimal digits of a positive {@code long} as {@link Long#toString} writes them (no
 * sign, no leading zero). The server reads a presented id as a number, while a gateway keys its devices' sockets, and
 * the server its links through a gateway, by the text: another spelling of an id ({@code 042}, {@code +42}) would be a
 * socket the server's close of device 42 never reaches. Stateless; any thread.
 */
public final class DeviceIds {
    /** The digits of {@link Long#MAX_VALUE}. */
    private static final int MAX_DIGITS = 19;

    private DeviceIds() {
    }

    /** Whether {@code id} is a device id written as the server writes its ids. */
    public static boolean spelledAsIssued(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_DIGITS || id.charAt(0) == '0'
                || !id.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return false;
        }
        try {
            Long.parseLong(id);
            return true;
        } catch (NumberFormatException e) {
            return false;    // 19 digits beyond Long.MAX_VALUE
        }
    }
}
