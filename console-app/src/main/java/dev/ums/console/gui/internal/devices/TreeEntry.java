package dev.ums.console.gui.internal.devices;

import dev.ums.protocol.imi.ThinClient;

/** What one node of the directory tree stands for: the root, a directory or a device. */
public record TreeEntry(Kind kind, String id, String name, ThinClient device) {
    /** The three sorts of node. */
    public enum Kind { ROOT, DIRECTORY, DEVICE }

    static TreeEntry root() {
        return new TreeEntry(Kind.ROOT, "-1", "All devices", null);
    }

    static TreeEntry directory(String id, String name) {
        return new TreeEntry(Kind.DIRECTORY, id, name, null);
    }

    static TreeEntry device(ThinClient device) {
        return new TreeEntry(Kind.DEVICE, device.id(), device.name(), device);
    }

    /** A stable identity across rebuilds, for restoring expansion and selection. */
    String key() {
        return kind + ":" + id;
    }

    @Override
    public String toString() {
        return name;
    }
}
