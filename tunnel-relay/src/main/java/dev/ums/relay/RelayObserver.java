package dev.ums.relay;

/** Told when a relayed session's two sides meet and when the session ends; called on relay threads. */
public interface RelayObserver {
    void paired(String sessionId);

    void ended(String sessionId, boolean wasPaired, String reason, long bytesToDevice, long bytesFromDevice);

    /** An observer that is told nothing. */
    RelayObserver NONE = new RelayObserver() {
        @Override
        public void paired(String sessionId) {
        }

        @Override
        public void ended(String sessionId, boolean wasPaired, String reason, long bytesToDevice, long bytesFromDevice) {
        }
    };
}
