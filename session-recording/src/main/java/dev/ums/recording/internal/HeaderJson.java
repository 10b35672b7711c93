package dev.ums.recording.internal;

import dev.ums.recording.RecordingHeader;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The header's JSON: one flat object of strings, booleans and nulls. Written and read here so
 * that the format module depends on nothing; a reader ignores members it does not know. Any thread.
 */
public final class HeaderJson {

    private HeaderJson() {
    }

    public static String write(RecordingHeader h) {
        StringBuilder out = new StringBuilder(256).append('{');
        member(out, "sessionId", h.sessionId());
        out.append(',');
        member(out, "deviceId", h.deviceId());
        out.append(',');
        member(out, "deviceName", h.deviceName());
        out.append(',');
        member(out, "user", h.user());
        out.append(',');
        member(out, "startedAt", h.startedAt().toString());
        out.append(",\"viewOnly\":").append(h.viewOnly()).append(',');
        member(out, "route", h.route());
        return out.append('}').toString();
    }

    /** Parses a header; throws {@link IllegalArgumentException} with the reason when it is not one. */
    public static RecordingHeader read(String json) {
        Map<String, Object> m = new FlatObjectParser(json).parse();
        Object sessionId = m.get("sessionId");
        Object startedAt = m.get("startedAt");
        if (!(sessionId instanceof String) || !(startedAt instanceof String)) {
            throw new IllegalArgumentException("the header has no sessionId or startedAt");
        }
        Instant started;
        try {
            started = Instant.parse((String) startedAt);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("the header's startedAt is not an ISO-8601 instant");
        }
        return new RecordingHeader((String) sessionId, text(m, "deviceId"), text(m, "deviceName"),
                text(m, "user"), started, Boolean.TRUE.equals(m.get("viewOnly")), text(m, "route"));
    }

    private static String text(Map<String, Object> m, String key) {
        Object v = m.get(key);
        return v instanceof String s ? s : null;
    }

    private static void member(StringBuilder out, String key, String value) {
        quote(out, key);
        out.append(':');
        if (value == null) {
            out.append("null");
        } else {
            quote(out, value);
        }
    }

    private static void quote(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** A parser for exactly the JSON this format writes: one object of string, boolean, null and number members. */
    private static final class FlatObjectParser {
        private final String s;
        private int i;

        FlatObjectParser(String s) {
            this.s = s;
        }

        Map<String, Object> parse() {
            Map<String, Object> m = new LinkedHashMap<>();
            skipSpace();
            expect('{');
            skipSpace();
            if (peek() == '}') {
                i++;
                return m;
            }
            while (true) {
                skipSpace();
                String key = string();
                skipSpace();
                expect(':');
                skipSpace();
                m.put(key, value());
                skipSpace();
                char c = next();
                if (c == '}') {
                    return m;
                }
                if (c != ',') {
                    throw fail("expected , or }");
                }
            }
        }

        private Object value() {
            char c = peek();
            if (c == '"') {
                return string();
            }
            if (s.startsWith("true", i)) {
                i += 4;
                return Boolean.TRUE;
            }
            if (s.startsWith("false", i)) {
                i += 5;
                return Boolean.FALSE;
            }
            if (s.startsWith("null", i)) {
                i += 4;
                return null;
            }
            int start = i;
            while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
                i++;
            }
            if (start == i) {
                throw fail("expected a value");
            }
            return s.substring(start, i);
        }

        private String string() {
            expect('"');
            StringBuilder out = new StringBuilder();
            while (true) {
                char c = next();
                if (c == '"') {
                    return out.toString();
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                char e = next();
                switch (e) {
                    case '"', '\\', '/' -> out.append(e);
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'u' -> {
                        if (i + 4 > s.length()) {
                            throw fail("short \\u escape");
                        }
                        try {
                            out.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                        } catch (NumberFormatException ex) {
                            throw fail("bad \\u escape");
                        }
                        i += 4;
                    }
                    default -> throw fail("bad escape");
                }
            }
        }

        private void skipSpace() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        private char peek() {
            if (i >= s.length()) {
                throw fail("the header ends early");
            }
            return s.charAt(i);
        }

        private char next() {
            char c = peek();
            i++;
            return c;
        }

        private void expect(char c) {
            if (next() != c) {
                throw fail("expected " + c);
            }
        }

        private IllegalArgumentException fail(String what) {
            return new IllegalArgumentException("the header is not JSON (" + what + " at character " + i + ")");
        }
    }
}
