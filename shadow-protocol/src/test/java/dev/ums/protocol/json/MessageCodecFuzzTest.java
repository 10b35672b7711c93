package dev.ums.protocol.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ums.protocol.gateway.GatewayMessage;
import dev.ums.protocol.imi.Enrollment;
import dev.ums.protocol.imi.EnrollmentRequest;
import dev.ums.protocol.imi.IndicatorPosition;
import dev.ums.protocol.imi.ShadowSettings;
import dev.ums.protocol.tunnel.SessionEnd;
import dev.ums.protocol.up.ShadowOutcome;
import dev.ums.protocol.up.UpMessage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * A peer's worst: valid messages of every UP and gateway type, written by the codec itself, then mutated (cut short,
 * fields of the wrong type, missing, huge, deeply nested, unknown types, duplicate keys, broken UTF-8, nulls, flipped
 * characters). Every input either decodes into a message that writes and reads back the same, or fails with
 * {@link MalformedMessageException}; nothing else escapes. Deterministic: one seed, a fixed number of cases.
 */
class MessageCodecFuzzTest {
    static final long SEED = 0x5EEDL;
    static final int CASES = 20_000;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static final ShadowSettings SETTINGS = new ShadowSettings(true, false, true, false, IndicatorPosition.BOTTOM_LEFT);
    private static final List<UpMessage> UP = List.of(
            new UpMessage.Hello("kiosk-1", "02AABBCCDDEE", "02:AA:BB:CC:DD:EE", "12", "1.0", SETTINGS, 5900),
            new UpMessage.Welcome("7", 20),
            new UpMessage.Heartbeat(1_700_000_000_000L),
            new UpMessage.ShadowOpen("5b1c0f5e-1111-4a2b-8c3d-000000000001", "wss://ums:8443/shadow/tunnel/s1",
                    "token", "ab".repeat(32), "admin", true, SETTINGS),
            new UpMessage.ShadowResult("s1", ShadowOutcome.DECLINED, "the user declined"),
            new UpMessage.ShadowClosed("s1", "user-disconnected", SessionEnd.USER_DISCONNECTED),
            new UpMessage.ShadowPasswordCheck("r1", "464abcbd-1399-47d0-b011-eba2e67a72b0"),
            new UpMessage.ShadowPasswordVerdict("r1", true, "admin", SETTINGS));
    private static final List<GatewayMessage> GATEWAY = List.of(
            new GatewayMessage.GatewayHello("https://gw:9443", "ab".repeat(32), "1.0"),
            new GatewayMessage.Heartbeat(1L),
            new GatewayMessage.EnrollRequest("r1", "enroll", new EnrollmentRequest("kiosk", "u1", "mac", "12", "PEM"),
                    "192.0.2.1"),
            new GatewayMessage.EnrollResult("r1", new Enrollment("7", "cred"), 200, null),
            new GatewayMessage.DeviceAuth("r1", "7", "cred"),
            new GatewayMessage.DeviceAuthResult("r1", true),
            new GatewayMessage.DeviceUp("7", "192.0.2.7", UP.get(0).toJson(), "cred"),
            new GatewayMessage.DeviceDown("7", "closed"),
            new GatewayMessage.DeviceSend("7", UP.get(3).toJson()),
            new GatewayMessage.DeviceClose("7", "too many hello messages; connect again in a minute"),
            new GatewayMessage.TunnelRegister("s1", "ct", "dt", 65),
            new GatewayMessage.TunnelCancel("s1", "declined"),
            new GatewayMessage.TunnelPaired("s1"),
            new GatewayMessage.TunnelEnded("s1", true, "done", 10, 20));

    private record Codec(String name, List<String> seeds, Function<String, Object> parse,
                         Function<Object, String> write) {
    }

    @Test
    void everyMutatedMessageDecodesOrFailsTyped() {
        List<Codec> codecs = List.of(
                new Codec("UP", UP.stream().map(UpMessage::toJson).toList(), UpMessage::parse,
                        m -> ((UpMessage) m).toJson()),
                new Codec("gateway", GATEWAY.stream().map(GatewayMessage::toJson).toList(), GatewayMessage::parse,
                        m -> ((GatewayMessage) m).toJson()));
        Random random = new Random(SEED);
        int decoded = 0;
        int refused = 0;
        long started = System.nanoTime();
        for (int i = 0; i < CASES; i++) {
            Codec codec = codecs.get(random.nextInt(codecs.size()));
            String seed = codec.seeds().get(random.nextInt(codec.seeds().size()));
            String input = mutate(seed, random);
            if (outcome(codec, i, input)) {
                decoded++;
            } else {
                refused++;
            }
        }
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertThat(decoded).as("cases that still decode").isPositive();
        assertThat(refused).as("cases refused as malformed").isPositive();
        assertThat(millis).as("run time in ms for %d cases", CASES).isLessThan(30_000);
    }

    @Test
    void theSeedsThemselvesReadBackUnchanged() {
        UP.forEach(m -> assertThat(UpMessage.parse(m.toJson())).isEqualTo(m));
        GATEWAY.forEach(m -> assertThat(GatewayMessage.parse(m.toJson())).isEqualTo(m));
    }

    /** True when the input decoded (into a message that round-trips), false when it was refused as malformed. */
    private static boolean outcome(Codec codec, int index, String input) {
        Object message;
        try {
            message = codec.parse().apply(input);
        } catch (MalformedMessageException e) {
            assertThat(e.getMessage()).as("case %d: the failure's reason", index).isNotBlank()
                    .doesNotContainPattern("\\p{Cntrl}").hasSizeLessThanOrEqualTo(400);
            return false;
        } catch (Throwable t) {
            fail("case " + index + " (" + codec.name() + "): " + t + " escaped for input " + shown(input), t);
            return false;
        }
        assertThat(message).as("case %d: decoded message", index).isNotNull();
        assertThat(input.length()).as("case %d: decoded although longer than the limit", index)
                .isLessThanOrEqualTo(WireJson.MAX_MESSAGE_CHARS);
        String again = codec.write().apply(message);
        assertThat(codec.parse().apply(again)).as("case %d: round trip of %s", index, shown(input)).isEqualTo(message);
        return true;
    }

    private static String shown(String input) {
        return input.length() > 300 ? input.substring(0, 300) + "… (" + input.length() + " characters)" : input;
    }

    static String mutate(String valid, Random random) {
        int kind = random.nextInt(12);
        return switch (kind) {
            case 0 -> valid.substring(0, random.nextInt(valid.length() + 1));
            case 1 -> tree(valid, random, (object, field) -> object.set(field, wrongValue(random)));
            case 2 -> tree(valid, random, (object, field) -> object.remove(field));
            case 3 -> tree(valid, random, (object, field) -> object.putNull(field));
            case 4 -> nested(valid, random);
            case 5 -> tree(valid, random, (object, field) -> object.put("type", unknownType(random)));
            case 6 -> duplicateKey(valid, random);
            case 7 -> brokenText(valid, random);
            case 8 -> tree(valid, random, (object, field) -> object.put(field, "x".repeat(hugeLength(random))));
            case 9 -> tree(valid, random, (object, field) -> object.set(field, hugeNumber(random)));
            case 10 -> flipCharacters(valid, random);
            default -> wholeOddity(random);
        };
    }

    private interface FieldChange {
        void apply(ObjectNode object, String field);
    }

    /** Changes one field of the message or of an object inside it. */
    private static String tree(String valid, Random random, FieldChange change) {
        ObjectNode root = (ObjectNode) WireJson.read(valid, JsonNode.class);
        List<ObjectNode> objects = new ArrayList<>();
        collect(root, objects);
        ObjectNode target = objects.get(random.nextInt(objects.size()));
        List<String> fields = new ArrayList<>();
        for (Iterator<String> names = target.fieldNames(); names.hasNext(); ) {
            fields.add(names.next());
        }
        if (fields.isEmpty()) {
            fields.add("type");
        }
        change.apply(target, fields.get(random.nextInt(fields.size())));
        return WireJson.write(root);
    }

    private static void collect(JsonNode node, List<ObjectNode> into) {
        if (node instanceof ObjectNode object) {
            into.add(object);
            object.elements().forEachRemaining(child -> collect(child, into));
        }
    }

    private static JsonNode wrongValue(Random random) {
        return switch (random.nextInt(9)) {
            case 0 -> NODES.textNode("not a " + random.nextInt(100));
            case 1 -> NODES.numberNode(random.nextLong());
            case 2 -> NODES.numberNode(random.nextDouble() * 1e300);
            case 3 -> NODES.booleanNode(random.nextBoolean());
            case 4 -> NODES.arrayNode().add(1).add("two").addNull();
            case 5 -> NODES.objectNode().put("type", "hello").put("x", 1);
            case 6 -> NODES.textNode("");
            case 7 -> NODES.textNode("ACCEPTED\u0000\n\u202e");
            default -> NODES.numberNode(-1);
        };
    }

    private static JsonNode hugeNumber(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> NODES.numberNode(new java.math.BigInteger("9".repeat(1 + random.nextInt(2000))));
            case 1 -> NODES.numberNode(new java.math.BigDecimal("1e" + (random.nextInt(2_000_000_000))));
            case 2 -> NODES.numberNode(Long.MIN_VALUE);
            default -> NODES.numberNode(Double.NaN);
        };
    }

    private static int hugeLength(Random random) {
        return switch (random.nextInt(3)) {
            case 0 -> 60_000 + random.nextInt(10_000);
            case 1 -> 1_000_000;
            default -> random.nextInt(5_000);
        };
    }

    /** Wraps a field's value, or the whole message, in thousands of arrays or objects. */
    private static String nested(String valid, Random random) {
        int depth = 1 + random.nextInt(random.nextBoolean() ? 200 : 50_000);
        boolean arrays = random.nextBoolean();
        String open = arrays ? "[" : "{\"a\":";
        String close = arrays ? "]" : "}";
        String value = open.repeat(depth) + "1" + close.repeat(depth);
        if (random.nextInt(4) == 0) {
            return value;
        }
        int brace = valid.lastIndexOf('}');
        String field = random.nextBoolean() ? "settings" : "nested" + random.nextInt(3);
        return valid.substring(0, brace) + ",\"" + field + "\":" + value + "}";
    }

    private static String unknownType(Random random) {
        String[] names = {"no.such.type", "", "HELLO", "hello ", "shadow.open\u0000", "java.lang.Object",
                "dev.ums.protocol.up.UpMessage$Hello", "Hello", "x".repeat(100_000)};
        return names[random.nextInt(names.length)];
    }

    private static String duplicateKey(String valid, Random random) {
        String[] extras = {"\"type\":\"heartbeat\",", "\"type\":\"shadow.open\",", "\"type\":null,", "\"type\":1,",
                "\"sessionId\":\"dup\",", "\"sessionId\":[],", "\"settings\":{},"};
        String extra = extras[random.nextInt(extras.length)];
        return random.nextBoolean() ? "{" + extra + valid.substring(1)
                : valid.substring(0, valid.length() - 1) + "," + extra.substring(0, extra.length() - 1) + "}";
    }

    /** Text as a decoder would produce it from broken UTF-8: lone surrogates, replacement and NUL characters. */
    private static String brokenText(String valid, Random random) {
        String[] bad = {"\uD800", "\uDC00", "\uFFFD", "\u0000", "\\uD800", "\\u0000", "\\u", "\\x",
                new String(new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF}, StandardCharsets.UTF_8),
                new String(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, StandardCharsets.ISO_8859_1)};
        int at = random.nextInt(valid.length() + 1);
        return valid.substring(0, at) + bad[random.nextInt(bad.length)] + valid.substring(at);
    }

    private static String flipCharacters(String valid, Random random) {
        char[] chars = valid.toCharArray();
        int flips = 1 + random.nextInt(4);
        for (int i = 0; i < flips; i++) {
            String replacements = "{}[]\":,0-eE\\ntfu\u0000";
            chars[random.nextInt(chars.length)] = replacements.charAt(random.nextInt(replacements.length()));
        }
        return new String(chars);
    }

    private static String wholeOddity(Random random) {
        ArrayNode array = NODES.arrayNode().add(NODES.objectNode().put("type", "heartbeat"));
        String[] odd = {"", " ", "null", "true", "1", "\"hello\"", "[]", "{}", array.toString(), "{\"type\":{}}",
                "{\"type\":[\"hello\"]}", "{\"type\":\"hello\"}{\"type\":\"hello\"}", "{\"type\":\"welcome\"} junk",
                "\uFEFF{\"type\":\"heartbeat\"}", "{\"type\":\"heartbeat\",\"sentAtMillis\":1}".repeat(4_000),
                " ".repeat(100_000) + "{}", "{\"type\":\"hello\",\"name\":\"" + "x".repeat(2_000_000) + "\"}"};
        return odd[random.nextInt(odd.length)];
    }
}
