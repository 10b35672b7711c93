package dev.ums.recording;

/**
 * One recorded piece of a byte stream, as the relay saw it arrive. Immutable by convention: the
 * reader hands out a fresh array per chunk. Any thread.
 *
 * @param atMicros  microseconds since the header's {@code startedAt}
 * @param direction which side sent the bytes
 * @param bytes     the bytes, exactly as they crossed the relay
 */
public record RecordedChunk(long atMicros, Direction direction, byte[] bytes) {
}
