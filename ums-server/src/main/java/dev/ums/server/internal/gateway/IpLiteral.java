package dev.ums.server.internal.gateway;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * Whether a device address a gateway reports is an IP address as written (an IPv4 dotted quad, or IPv6, bare or in
 * brackets), never a host name: the server stores it as the device's address and may connect to it. Nothing is
 * looked up. Any thread.
 */
final class IpLiteral {
    private static final String OCTET = "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
    private static final Pattern V4 = Pattern.compile(OCTET + "(\\." + OCTET + "){3}");
    private static final Pattern V6_CHARACTERS = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private IpLiteral() {
    }

    static boolean is(String text) {
        if (text == null) {
            return false;
        }
        if (V4.matcher(text).matches()) {
            return true;
        }
        String bare = text.length() > 2 && text.startsWith("[") && text.endsWith("]")
                ? text.substring(1, text.length() - 1) : text;
        if (bare.indexOf(':') < 0 || !V6_CHARACTERS.matcher(bare).matches()) {
            return false;
        }
        try {
            InetAddress.getByName(bare); // with a colon only an IPv6 literal is parsed, never a name resolved
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
