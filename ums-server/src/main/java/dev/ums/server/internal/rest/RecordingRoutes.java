package dev.ums.server.internal.rest;

import dev.ums.server.internal.audit.AdminActions;
import dev.ums.server.internal.device.DirectoryStore;
import dev.ums.server.internal.recording.RecordingLookup;
import java.io.IOException;
import java.nio.file.Files;

/**
 * Session recordings over REST (docs/RECORDING.md): an administrator downloads the recording of an audit entry,
 * and sets whether a directory's devices' sessions are recorded. Request threads.
 */
public record RecordingRoutes(RecordingLookup lookup, DirectoryStore directories, boolean everySession,
                              AdminActions actions) {
    private static final String DIRECTORY = "/umsapi/v3/directories/tcdirectories/(\\d+)/shadowsettings";

    /** A directory's recording setting: its own, and whether its devices' sessions are recorded at all. */
    record DirectoryShadowSettings(Boolean recordSessions, Boolean recorded) {
    }

    public void register(Router router) {
        router.secured("GET", "/umsapi/v3/shadowsessions/(\\d+)/recording", (ex, m) -> download(ex, m.group(1)));
        router.secured("GET", DIRECTORY, (ex, m) -> ex.ok(settings(directory(m.group(1)))));
        router.secured("PUT", DIRECTORY, (ex, m) -> {
            long id = directory(m.group(1));
            DirectoryShadowSettings body = ex.body(DirectoryShadowSettings.class);
            if (body.recordSessions() == null) {
                throw new ApiException(400, "a directory's shadow settings need recordSessions: true or false");
            }
            directories.recordSessions(id, body.recordSessions());
            actions.directoryRecordingSet(ex.user(), id, body.recordSessions());
            ex.ok(settings(id));
        });
    }

    private void download(Exchange ex, String auditId) throws IOException {
        RecordingLookup.Result found = lookup.find(Long.parseLong(auditId));
        switch (found.kind()) {
            case NO_SESSION -> throw new ApiException(404, "there is no shadow session with id " + auditId);
            case NOT_RECORDED -> throw new ApiException(404, "shadow session " + auditId + " was not recorded");
            case GONE -> throw new ApiException(404, "the recording of shadow session " + auditId
                    + " no longer exists; the retention period may have removed it");
            case FOUND -> {
                long size = Files.size(found.file());
                actions.recordingDownloaded(ex.user(), auditId, found.file().getFileName().toString(), size);
                ex.file(found.file(), size, found.file().getFileName().toString());
            }
        }
    }

    private long directory(String id) {
        return directories.find(Long.parseLong(id))
                .orElseThrow(() -> new ApiException(404, "no directory with id " + id)).id();
    }

    private DirectoryShadowSettings settings(long id) {
        return new DirectoryShadowSettings(directories.recordsSessionsItself(id),
                everySession || directories.recordsSessions(id));
    }
}
