package dev.ums.console.core;

import dev.ums.console.core.ImiException.Kind;
import dev.ums.protocol.imi.ThinClient;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Finds the one device a user means by what they typed: its id, else its exact name, else its name
 * ignoring case. Devices in the recycle bin are never chosen. Pure: give it the list, it asks no server.
 */
record DeviceResolver(List<ThinClient> devices) {
    DeviceResolver {
        devices = devices.stream().filter(d -> !d.movedToBin()).toList();
    }

    /** Loads the device list from {@code client} (logged in) and resolves {@code idOrName} in it. */
    public static ThinClient resolve(ImiClient client, String idOrName) throws ImiException {
        return new DeviceResolver(client.thinClients()).resolve(idOrName);
    }

    /**
     * The device with id {@code idOrName}, else the one so named (exactly, then ignoring case).
     *
     * @throws ImiException of kind {@link Kind#NOT_FOUND} naming the device, or listing the ids of the
     *     devices that share the name
     */
    public ThinClient resolve(String idOrName) throws ImiException {
        String wanted = idOrName == null ? "" : idOrName.strip();
        if (wanted.isEmpty()) {
            throw new ImiException(Kind.NOT_FOUND, "no device given (name or id)");
        }
        for (ThinClient device : devices) {
            if (wanted.equals(device.id())) {
                return device;
            }
        }
        List<ThinClient> exact = devices.stream().filter(d -> wanted.equals(d.name())).toList();
        if (exact.size() == 1) {
            return exact.get(0);
        }
        if (exact.size() > 1) {
            throw ambiguous(wanted, exact);
        }
        String folded = wanted.toLowerCase(Locale.ROOT);
        List<ThinClient> loose = devices.stream()
                .filter(d -> d.name() != null && folded.equals(d.name().toLowerCase(Locale.ROOT)))
                .toList();
        if (loose.size() == 1) {
            return loose.get(0);
        }
        if (loose.size() > 1) {
            throw ambiguous(wanted, loose);
        }
        throw new ImiException(Kind.NOT_FOUND, "no device named " + wanted);
    }

    private static ImiException ambiguous(String wanted, List<ThinClient> matches) {
        String ids = matches.stream().map(ThinClient::id).collect(Collectors.joining(", "));
        return new ImiException(Kind.NOT_FOUND, matches.size() + " devices are named " + wanted
                + " (ids " + ids + "); give the id instead");
    }
}
