package dev.ums.console.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import dev.ums.console.core.ImiException.Reason;
import dev.ums.protocol.imi.Message;
import dev.ums.protocol.json.WireJson;
import dev.ums.protocol.log.PeerText;
import java.util.List;
import java.util.function.Function;

/**
 * Turns one server's answers into values or typed failures: a success's JSON into records, an error status into the
 * failure it stands for, with the server's own sentence where it sent one. What the server wrote and a screen shows
 * (its sentence, the parser's reason quoting its text) is cut to {@value #MAX_QUOTED_CHARS} characters with control
 * characters replaced, so that an error body of 64 KiB or with line breaks stays one sentence. Immutable, any thread.
 */
record ImiAnswers(ServerAddress server) {
    /** The longest text of the server's that a failure quotes. */
    static final int MAX_QUOTED_CHARS = 300;

    /** The text of a successful answer, or the failure an error answer stands for. */
    String expectOk(ImiAnswer answer) throws ImiException {
        if (answer.status() >= 200 && answer.status() < 300) {
            return answer.body();
        }
        throw failure(answer.status(), answer.body());
    }

    /** The failure an error answer stands for, with the server's sentence if it sent one. */
    ImiException failure(int status, String body) {
        if (status == 401) {
            return ImiException.atServer(Reason.NOT_LOGGED_IN, server, status, null, null);
        }
        String sentence = serverSentence(body);
        Reason reason;
        if (sentence == null) {
            reason = status == 404 ? Reason.HTTP_NOT_FOUND : Reason.HTTP_ERROR;
        } else {
            reason = status == 404 ? Reason.SERVER_NOT_FOUND : Reason.SERVER_REFUSED;
        }
        return ImiException.atServer(reason, server, status, sentence, null);
    }

    /** The server's own sentence from an error body {@code {"message":…}}, or null if it sent none. */
    private static String serverSentence(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            Message message = WireJson.mapper().readValue(body, Message.class);
            return message.message() == null || message.message().isBlank() ? null
                    : PeerText.of(message.message().strip(), MAX_QUOTED_CHARS);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    <T> T read(String body, Class<T> type) throws ImiException {
        return read(body, WireJson.mapper().constructType(type));
    }

    /** A list without empty ({@code null}) entries. */
    <T> List<T> readList(String body, Class<T> element) throws ImiException {
        List<T> entries = read(body, WireJson.mapper().getTypeFactory().constructCollectionType(List.class, element));
        if (entries.contains(null)) {
            throw ImiException.atServer(Reason.UNREADABLE_ANSWER, server, 200, "a list with an empty entry", null);
        }
        return entries;
    }

    /**
     * A list whose every entry is there and has an id ({@code id} reads it): the screens key devices and directories
     * by their ids and ask the server about them by id.
     */
    <T> List<T> readIdentified(String body, Class<T> element, Function<T, String> id) throws ImiException {
        List<T> entries = readList(body, element);
        for (T entry : entries) {
            String value = id.apply(entry);
            if (value == null || value.isBlank()) {
                throw ImiException.atServer(Reason.UNREADABLE_ANSWER, server, 200,
                        "a list entry without an id", null);
            }
        }
        return entries;
    }

    private <T> T read(String body, JavaType type) throws ImiException {
        try {
            T value = WireJson.mapper().readValue(body, type);
            if (value == null) {
                throw ImiException.atServer(Reason.EMPTY_ANSWER, server, 200, null, null);
            }
            return value;
        } catch (JsonProcessingException e) {
            throw ImiException.atServer(Reason.UNREADABLE_ANSWER, server, 200,
                    PeerText.of(e.getOriginalMessage(), MAX_QUOTED_CHARS), e);
        }
    }
}
