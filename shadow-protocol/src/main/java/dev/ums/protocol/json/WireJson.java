package dev.ums.protocol.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.ums.protocol.log.PeerText;
import java.io.UncheckedIOException;

/** The one JSON configuration every party uses on the wire: tolerant on read, ISO dates, no nulls. */
public final class WireJson {
    /** The longest message a peer may send, in characters: what every socket of ours takes as one text message. */
    public static final int MAX_MESSAGE_CHARS = 64 * 1024;
    /** The longest parser's reason a {@link MalformedMessageException} quotes. */
    static final int MAX_REASON_CHARS = 300;
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private WireJson() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads a value; malformed input raises {@link MalformedMessageException} with a short reason of one line (at most
     * {@value #MAX_REASON_CHARS} characters of the parser's, control characters replaced: it quotes the peer's text,
     * and it ends up in log lines).
     */
    public static <T> T read(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new MalformedMessageException("malformed " + type.getSimpleName() + ": " + oneLine(e.getOriginalMessage()),
                    e);
        }
    }

    private static String oneLine(String reason) {
        return reason == null ? "no reason given" : PeerText.of(reason, MAX_REASON_CHARS);
    }

    /**
     * Reads one message a peer sent, where a JSON {@code null} is malformed too: raises
     * {@link MalformedMessageException}, so a message read this way is never null. Text longer than
     * {@link #MAX_MESSAGE_CHARS} is refused before it is parsed.
     */
    public static <T> T readMessage(String json, Class<T> type) {
        if (json == null) {
            throw new MalformedMessageException("no message", null);
        }
        if (json.length() > MAX_MESSAGE_CHARS) {
            throw new MalformedMessageException("a message of " + json.length() + " characters, over the limit of "
                    + MAX_MESSAGE_CHARS, null);
        }
        T message = read(json, type);
        if (message == null) {
            throw new MalformedMessageException("a JSON null instead of a message", null);
        }
        return message;
    }
}
