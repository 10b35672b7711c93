package dev.ums.console.core;

import dev.ums.console.core.ImiException.Reason;
import dev.ums.protocol.imi.ThinClient;
import java.util.List;
import java.util.Locale;

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
     * @throws ImiException of kind {@link ImiException.Kind#NOT_FOUND} naming the device, or listing the ids of
     *     the devices that share the name
     */
    public ThinClient resolve(String idOrName) throws ImiException {
        String wanted = idOrName == null ? "" : idOrName.strip();
        if (wanted.isEmpty()) {
            throw ImiException.of(Reason.NO_DEVICE_GIVEN, null);
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
        throw ImiException.about(Reason.NO_DEVICE_NAMED, wanted, null, null);
    }

    private static ImiException ambiguous(String wanted, List<ThinClient> matches) {
        return ImiException.ambiguousDevice(wanted, matches.stream().map(ThinClient::id).toList());
    }
}
