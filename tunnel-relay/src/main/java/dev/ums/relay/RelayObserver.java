package dev.ums.relay;

import java.util.function.Consumer;

/** Told when a relayed session's two sides meet and when the session ends; called on relay threads. */
public interface RelayObserver {
    void paired(String sessionId);

    void ended(String sessionId, boolean wasPaired, String reason, long bytesToDevice, long bytesFromDevice);

    /** Tells this observer each event, then {@code next}, also when this one failed. */
    default RelayObserver andThen(RelayObserver next) {
        RelayObserver first = this;
        return new RelayObserver() {
            @Override
            public void paired(String sessionId) {
                try {
                    first.paired(sessionId);
                } finally {
                    next.paired(sessionId);
                }
            }

            @Override
            public void ended(String sessionId, boolean wasPaired, String reason, long bytesToDevice,
                              long bytesFromDevice) {
                try {
                    first.ended(sessionId, wasPaired, reason, bytesToDevice, bytesFromDevice);
                } finally {
                    next.ended(sessionId, wasPaired, reason, bytesToDevice, bytesFromDevice);
                }
            }
        };
    }

    /** An observer told only of each session's end, by its id. */
    static RelayObserver onEnd(Consumer<String> endedSessionId) {
        return new RelayObserver() {
            @Override
            public void paired(String sessionId) {
            }

            @Override
            public void ended(String sessionId, boolean wasPaired, String reason, long bytesToDevice,
                              long bytesFromDevice) {
                endedSessionId.accept(sessionId);
            }
        };
    }

    /** An observer that is told nothing. */
    RelayObserver NONE = onEnd(sessionId -> {
    });
}
