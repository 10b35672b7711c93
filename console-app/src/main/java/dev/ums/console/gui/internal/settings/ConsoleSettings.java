package dev.ums.console.gui.internal.settings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the console remembers between runs: look, viewer choice, poll interval, initial scaling, how the embedded
 * viewer asks for the picture, the servers used (most recent first), the last user name and the pinned certificate
 * fingerprint of each server, and the folder a recording file was last opened from ("" before the first).
 * Immutable; change it with the {@code with…} methods and save it with {@link SettingsStore}.
 */
public record ConsoleSettings(Theme theme, ViewerMode viewer, String externalCommand, int pollSeconds,
                              ScalingMode scaling, PictureSettings picture, List<String> servers, String lastUser,
                              Map<String, String> pins, String recordingFolder) {
    /** TigerVNC's viewer: {@code host::port} names a TCP port rather than a display number. */
    public static final String TIGERVNC_COMMAND = "vncviewer {host}::{port}";
    public static final int MAX_SERVERS = 10;
    public static final int MIN_POLL_SECONDS = 1;
    public static final int MAX_POLL_SECONDS = 60;

    public ConsoleSettings {
        Objects.requireNonNull(theme, "theme");
        Objects.requireNonNull(viewer, "viewer");
        Objects.requireNonNull(scaling, "scaling");
        Objects.requireNonNull(picture, "picture");
        externalCommand = externalCommand == null ? "" : externalCommand.strip();
        pollSeconds = Math.max(MIN_POLL_SECONDS, Math.min(MAX_POLL_SECONDS, pollSeconds));
        servers = List.copyOf(servers);
        lastUser = lastUser == null ? "" : lastUser;
        pins = Map.copyOf(pins);
        recordingFolder = recordingFolder == null ? "" : recordingFolder;
    }

    /** What a first run starts with: the system's theme, the embedded viewer choosing its picture, a poll every 3 s. */
    public static ConsoleSettings defaults() {
        return new ConsoleSettings(Theme.SYSTEM, ViewerMode.EMBEDDED, defaultExternalCommand(), 3, ScalingMode.FIT,
                PictureSettings.automatic(), List.of(), "", Map.of(), "");
    }

    /** TigerVNC's command where {@code vncviewer} is installed; the same template otherwise, for the user to edit. */
    static String defaultExternalCommand() {
        return TIGERVNC_COMMAND;
    }

    /** Whether TigerVNC's viewer is on the PATH, which the settings screen mentions. */
    public static boolean tigerVncInstalled() {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && (Files.isExecutable(Path.of(dir, "vncviewer"))
                    || Files.isExecutable(Path.of(dir, "vncviewer.exe")))) {
                return true;
            }
        }
        return false;
    }

    /** The fingerprint pinned for {@code server} ({@code host:port}), or null before the first contact. */
    public String pin(String server) {
        return pins.get(server);
    }

    public ConsoleSettings withPin(String server, String fingerprint) {
        Map<String, String> copy = new LinkedHashMap<>(pins);
        copy.put(server, fingerprint);
        return new ConsoleSettings(theme, viewer, externalCommand, pollSeconds, scaling, picture, servers, lastUser,
                copy, recordingFolder);
    }

    /** Remembers a successful login: the server moves to the top of the list and the user is prefilled next time. */
    public ConsoleSettings withLogin(String server, String user) {
        List<String> list = new ArrayList<>(servers);
        list.remove(server);
        list.add(0, server);
        while (list.size() > MAX_SERVERS) {
            list.remove(list.size() - 1);
        }
        return new ConsoleSettings(theme, viewer, externalCommand, pollSeconds, scaling, picture, list, user, pins,
                recordingFolder);
    }

    /** The user's preferences from the settings screen, keeping what the console remembers by itself. */
    public ConsoleSettings withPreferences(Theme newTheme, ViewerMode newViewer, String newCommand, int newPoll,
                                           ScalingMode newScaling) {
        return new ConsoleSettings(newTheme, newViewer, newCommand, newPoll, newScaling, picture, servers, lastUser,
                pins, recordingFolder);
    }

    /** The same settings with the embedded viewer asking for the picture as {@code newPicture} says. */
    public ConsoleSettings withPicture(PictureSettings newPicture) {
        return new ConsoleSettings(theme, viewer, externalCommand, pollSeconds, scaling, newPicture, servers, lastUser,
                pins, recordingFolder);
    }

    /** The same settings remembering {@code folder} as where the next recording file is looked for. */
    public ConsoleSettings withRecordingFolder(String folder) {
        return new ConsoleSettings(theme, viewer, externalCommand, pollSeconds, scaling, picture, servers, lastUser,
                pins, folder);
    }

    public ConsoleSettings withViewer(ViewerMode newViewer, String newCommand) {
        return withPreferences(theme, newViewer, newCommand, pollSeconds, scaling);
    }
}
