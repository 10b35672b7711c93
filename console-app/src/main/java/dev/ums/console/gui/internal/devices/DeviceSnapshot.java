package dev.ums.console.gui.internal.devices;

import dev.ums.protocol.imi.TcDirectory;
import dev.ums.protocol.imi.ThinClient;
import java.time.Instant;
import java.util.List;

/** The server's devices and directories as one poll found them. */
public record DeviceSnapshot(List<ThinClient> devices, List<TcDirectory> directories, Instant taken) {
    public DeviceSnapshot {
        devices = List.copyOf(devices);
        directories = List.copyOf(directories);
    }
}
