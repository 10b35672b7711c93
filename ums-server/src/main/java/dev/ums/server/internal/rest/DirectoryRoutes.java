package dev.ums.server.internal.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.ums.protocol.imi.Message;
import dev.ums.protocol.imi.TcDirectory;
import dev.ums.server.internal.audit.AdminActions;
import dev.ums.server.internal.device.Device;
import dev.ums.server.internal.device.DeviceStore;
import dev.ums.server.internal.device.DirectoryStore;
import dev.ums.server.internal.input.InputLimits;
import java.util.ArrayList;
import java.util.List;

/** IMI's device directories: list, create, and move devices into one (creations and moves logged with who made them). */
public record DirectoryRoutes(DirectoryStore directories, DeviceStore devices, AdminActions actions) {
    private static final String BASE = "/umsapi/v3/directories/tcdirectories";

    /** Body of the create call. */
    record NewDirectory(String name, @JsonProperty("parentID") String parentId) {
    }

    /** One object of a move call's body. */
    record MovedObject(String id, String type) {
    }

    public void register(Router router) {
        router.secured("GET", BASE, (ex, m) -> {
            boolean children = ex.facets().contains("children");
            List<Device> all = children ? devices.all() : List.of();
            List<DirectoryStore.Directory> dirs = directories.all();
            ex.ok(dirs.stream().map(d -> view(d, children, dirs, all)).toList());
        });
        router.secured("GET", BASE + "/(\\d+)", (ex, m) -> {
            DirectoryStore.Directory d = directory(m.group(1));
            boolean children = ex.facets().contains("children");
            ex.ok(view(d, children, directories.all(), children ? devices.all() : List.of()));
        });
        router.secured("PUT", BASE + "/create", (ex, m) -> {
            NewDirectory body = ex.body(NewDirectory.class);
            if (body.name() == null || body.name().isBlank()) {
                throw new ApiException(400, "a directory needs a name");
            }
            InputLimits.optional("the directory's name", body.name().trim(), InputLimits.DIRECTORY_NAME);
            Long parent = parentOf(body.parentId());
            DirectoryStore.Directory created = directories.create(body.name().trim(), parent);
            actions.directoryCreated(ex.user(), created.id(), created.name(), created.parentId());
            ex.ok(view(created, false, List.of(), List.of()));
        });
        router.secured("PUT", BASE + "/(\\d+)", (ex, m) -> {
            if (!"move".equals(ex.query("operation").orElse(""))) {
                throw new ApiException(400, "the only operation on a directory is operation=move");
            }
            DirectoryStore.Directory target = directory(m.group(1));
            MovedObject[] moved = ex.body(MovedObject[].class);
            for (MovedObject o : moved) {
                if (o == null || o.id() == null) {
                    throw new ApiException(400, "each moved object needs an id");
                }
            }
            // every device is checked before any moves: a move is all or nothing, and its log line is never skipped
            List<Long> movedIds = new ArrayList<>();
            for (MovedObject o : moved) {
                long id = Long.parseLong(o.id());     // not a number: 400 from the router, before any move
                devices.find(id).orElseThrow(() -> new ApiException(404, "no device with id " + o.id()));
                movedIds.add(id);
            }
            movedIds.forEach(id -> devices.moveTo(id, target.id()));
            actions.devicesMoved(ex.user(), movedIds, target.id(), target.name());
            ex.ok(new Message("moved " + moved.length + " device(s) to " + target.name()));
        });
    }

    private Long parentOf(String parentId) {
        if (parentId == null || parentId.equals("-1") || parentId.isBlank()) {
            return null;
        }
        return directory(parentId).id();
    }

    private DirectoryStore.Directory directory(String id) {
        return directories.find(Long.parseLong(id))
                .orElseThrow(() -> new ApiException(404, "no directory with id " + id));
    }

    private static TcDirectory view(DirectoryStore.Directory d, boolean withChildren,
                                    List<DirectoryStore.Directory> dirs, List<Device> devices) {
        List<TcDirectory.DirectoryChild> children = null;
        if (withChildren) {
            children = new ArrayList<>();
            for (DirectoryStore.Directory sub : dirs) {
                if (sub.parentId() != null && sub.parentId() == d.id()) {
                    children.add(new TcDirectory.DirectoryChild(String.valueOf(sub.id()), "tcdirectory"));
                }
            }
            for (Device dev : devices) {
                if (dev.directoryId() != null && dev.directoryId() == d.id()) {
                    children.add(new TcDirectory.DirectoryChild(String.valueOf(dev.id()), "tc"));
                }
            }
        }
        String parent = d.parentId() == null ? "-1" : String.valueOf(d.parentId());
        return new TcDirectory(String.valueOf(d.id()), d.name(), parent, false, "tcdirectory", children);
    }
}
