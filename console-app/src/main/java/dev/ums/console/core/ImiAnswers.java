package dev.ums.console.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import dev.ums.console.core.ImiException.Reason;
import dev.ums.protocol.imi.Message;
import dev.ums.protocol.json.WireJson;
import java.util.List;

/**
 * Turns one server's answers into values or typed failures: a success's JSON into records, an error status into the
 * failure it stands for, with the server's own sentence where it sent one. Immutable, any thread.
 */
record ImiAnswers(ServerAddress server) {
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
            return message.message() == null || message.message().isBlank() ? null : message.message().strip();
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    <T> T read(String body, Class<T> type) throws ImiException {
        return read(body, WireJson.mapper().constructType(type));
    }

    <T> List<T> readList(String body, Class<T> element) throws ImiException {
        return read(body, WireJson.mapper().getTypeFactory().constructCollectionType(List.class, element));
    }

    private <T> T read(String body, JavaType type) throws ImiException {
        try {
            T value = WireJson.mapper().readValue(body, type);
            if (value == null) {
                throw ImiException.atServer(Reason.EMPTY_ANSWER, server, 200, null, null);
            }
            return value;
        } catch (JsonProcessingException e) {
            throw ImiException.atServer(Reason.UNREADABLE_ANSWER, server, 200, e.getOriginalMessage(), e);
        }
    }
}
