package dev.ums.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ums.protocol.imi.Message;
import dev.ums.protocol.json.WireJson;
import dev.ums.protocol.tls.PinnedTrust;
import dev.ums.protocol.up.UpPaths;
import dev.ums.testkit.device.FakeDevice;
import dev.ums.testkit.http.RawHttps;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Malformed, null, wrongly typed and over-long values sent to every REST route and as every Unified Protocol
 * message type, over real TLS: each gets a 4xx with one JSON sentence (devices: their socket closed with
 * one), never a 500, never SQL text, and nothing over a column's length reaches the database.
 */
class MalformedInputTest {
    private static final String TC = "/umsapi/v3/thinclients/";
    private static final String DIRS = "/umsapi/v3/directories/tcdirectories";

    @TempDir
    Path data;
    UmsServer server;
    RestClient rest;
    String cookie;
    FakeDevice device;

    @BeforeEach
    void start() throws Exception {
        server = UmsServer.start(ServerConfig.forTests(data));
        rest = new RestClient(server);
        String session = rest.login("admin", "admin-secret").as(Message.class).message();
        cookie = session;
        device = ServerDevices.enroll(server, "Target").connect();
    }

    @AfterEach
    void stop() {
        device.close();
        server.close();
    }

    private RawHttps.Reply raw(String method, String path, Map<String, String> headers, String body) throws Exception {
        try (RawHttps c = RawHttps.connect(PinnedTrust.fingerprint(server.fingerprint()).sslContext(), "127.0.0.1",
                server.port())) {
            Map<String, String> all = new LinkedHashMap<>(headers);
            all.putIfAbsent("Cookie", cookie);
            all.put("Connection", "close");
            c.send(body == null ? RawHttps.head(method, path, all) : RawHttps.request(method, path, all, body));
            return c.reply(Duration.ofSeconds(20));
        }
    }

    private void expect(SoftAssertions soft, String method, String path, Map<String, String> headers, String body,
                        int status, String sentence) throws Exception {
        RawHttps.Reply reply = raw(method, path, headers, body);
        String what = method + " " + path + " with " + body;
        soft.assertThat(reply.status()).as(what).isEqualTo(status);
        soft.assertThat(reply.headers().get("content-type")).as(what).startsWith("application/json");
        String message = WireJson.read(reply.body(), Message.class).message();
        if (sentence != null) {
            soft.assertThat(message).as(what).isEqualTo(sentence);
        }
        soft.assertThat(message).as(what).doesNotContainIgnoringCase("sql").doesNotContain("Exception")
                .doesNotContain("\n");
    }

    private void expect(SoftAssertions soft, String method, String path, String body, int status, String sentence)
            throws Exception {
        expect(soft, method, path, Map.of(), body, status, sentence);
    }

    @Test
    void everyRouteAnswersMalformedValuesWithA4xxSentence() throws Exception {
        String id = device.id();
        String notJson = "the request body is not valid JSON for this call";
        String nullBody = "the request body is empty or null; this call needs a JSON object";
        String notANumber = "an id in the request is not a number";
        SoftAssertions soft = new SoftAssertions();

        expect(soft, "POST", "/umsapi/v3/login", Map.of("Authorization", "Basic %%%"), null, 401, null);
        expect(soft, "POST", "/umsapi/v3/login", Map.of("Authorization", "Basic " + java.util.Base64.getEncoder()
                .encodeToString(("x".repeat(5000) + ":y").getBytes())), null, 401, null);
        expect(soft, "POST", "/umsapi/v3/logout", Map.of("Cookie", "JSESSIONID=forged"), null, 401, null);
        expect(soft, "DELETE", "/umsapi/v3/serverstatus", null, 405, "DELETE is not supported on /umsapi/v3/serverstatus");
        expect(soft, "GET", "/umsapi/v3/nothing", null, 404, "there is nothing at /umsapi/v3/nothing");

        expect(soft, "GET", TC + "99999999999999999999999", null, 400, notANumber);
        expect(soft, "GET", TC + "12345", null, 404, "no device with id 12345");
        expect(soft, "GET", TC + "99999999999999999999999/shadowlog", null, 400, notANumber);

        String settings = TC + id + "/shadowsettings";
        expect(soft, "PUT", settings, "null", 400, nullBody);
        expect(soft, "PUT", settings, "", 400, notJson);
        expect(soft, "PUT", settings, "{not json", 400, notJson);
        expect(soft, "PUT", settings, "[true]", 400, notJson);
        expect(soft, "PUT", settings, "{\"allowShadowing\":\"perhaps\"}", 400, notJson);
        expect(soft, "PUT", settings, "{\"allowShadowing\":{\"deep\":" + "[".repeat(2000) + "}", 400, notJson);

        String shadow = TC + id + "/shadow";
        expect(soft, "POST", shadow, "null", 400, nullBody);
        expect(soft, "POST", shadow, "{\"viewOnly\":[1]}", 400, notJson);
        expect(soft, "POST", shadow, "\"view\"", 400, notJson);
        expect(soft, "POST", TC + "77777/shadow", "{}", 404, "no device with id 77777");

        String create = DIRS + "/create";
        expect(soft, "PUT", create, "null", 400, nullBody);
        expect(soft, "PUT", create, "{}", 400, "a directory needs a name");
        expect(soft, "PUT", create, "{\"name\":\"" + "d".repeat(201) + "\"}", 400,
                "the directory's name is longer than 200 characters");
        expect(soft, "PUT", create, "{\"name\":\"ok\",\"parentID\":\"abc\"}", 400, notANumber);
        expect(soft, "PUT", create, "{\"name\":\"ok\",\"parentID\":\"424242\"}", 404, "no directory with id 424242");
        expect(soft, "PUT", create, "{\"name\":\"ta\\u0001b\"}", 400, "the directory's name contains control characters");
        expect(soft, "GET", DIRS + "/99999999999999999999999", null, 400, notANumber);

        String dir = WireJson.read(raw("PUT", create, Map.of(), "{\"name\":\"Moves\"}").body(),
                dev.ums.protocol.imi.TcDirectory.class).id();
        String move = DIRS + "/" + dir + "?operation=move";
        expect(soft, "PUT", move, "null", 400, nullBody);
        expect(soft, "PUT", move, "[null]", 400, "each moved object needs an id");
        expect(soft, "PUT", move, "[{\"type\":\"tc\"}]", 400, "each moved object needs an id");
        expect(soft, "PUT", move, "[{\"id\":\"x\",\"type\":\"tc\"}]", 400, notANumber);
        expect(soft, "PUT", move, "{\"id\":\"1\"}", 400, notJson);
        expect(soft, "PUT", DIRS + "/" + dir + "?operation=explode", "[]", 400,
                "the only operation on a directory is operation=move");

        Map<String, String> token = Map.of("Authorization", "Bearer enroll-secret");
        String valid = "\"name\":\"N\",\"unitId\":\"u-1\",\"mac\":\"00\",\"osVersion\":\"12\"";
        expect(soft, "POST", UpPaths.ENROLL, token, "null", 400, nullBody);
        expect(soft, "POST", UpPaths.ENROLL, token, "{not json", 400, notJson);
        expect(soft, "POST", UpPaths.ENROLL, token, "{\"name\":\"N\"}", 400, "the device's unit id is missing");
        expect(soft, "POST", UpPaths.ENROLL, token, "{" + valid.replace("\"N\"", "\"" + "n".repeat(201) + "\"") + "}",
                400, "the device's name is longer than 200 characters");
        expect(soft, "POST", UpPaths.ENROLL, token, "{" + valid.replace("u-1", "u".repeat(65)) + "}", 400,
                "the device's unit id is longer than 64 characters");
        expect(soft, "POST", UpPaths.ENROLL, token, "{" + valid.replace("\"00\"", "\"" + "0".repeat(33) + "\"") + "}",
                400, "the device's MAC address is longer than 32 characters");
        expect(soft, "POST", UpPaths.ENROLL, token, "{" + valid.replace("\"12\"", "\"" + "1".repeat(17) + "\"") + "}",
                400, "the device's OS version is longer than 16 characters");
        expect(soft, "POST", UpPaths.ENROLL, token, "{" + valid + ",\"certificate\":\"" + "c".repeat(8001) + "\"}",
                400, "the device's certificate is longer than 8000 characters");
        // refused from the declared length: the server answers before the body is sent
        expect(soft, "POST", UpPaths.ENROLL, Map.of("Authorization", "Bearer enroll-secret", "Content-Length", "20000"),
                null, 413, "the request body is larger than 16 KiB");
        expect(soft, "POST", UpPaths.ENROLL, Map.of("Authorization", "Bearer"), "{" + valid + "}", 401,
                "the enrollment token is missing, unknown, used up, expired or revoked");

        expect(soft, "DELETE", "/umsapi/v3/enrollmenttokens/99999999999999999999999", null, 400, notANumber);
        expect(soft, "DELETE", "/umsapi/v3/enrollmenttokens/4242", null, 404, "no enrollment token with id 4242");
        expect(soft, "PUT", TC + id + "/shadowsettings", Map.of("Content-Length", String.valueOf((1 << 20) + 1)), null,
                413, "the request body is larger than 1 MiB");
        soft.assertAll();
    }

    @Test
    void everyDeviceMessageTypeWithBadValuesClosesTheSocketWithASentence() throws Exception {
        String hello = "{\"type\":\"hello\",\"name\":\"%s\",\"unitId\":\"u\",\"mac\":\"m\",\"osVersion\":\"12\"%s}";
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("{not json", "1007 the message is not a valid Unified Protocol message");
        cases.put("null", "1007 the message is not a valid Unified Protocol message");
        cases.put("{\"type\":\"no.such.type\"}", "1007 the message is not a valid Unified Protocol message");
        cases.put(String.format(hello, "n".repeat(201), ""), "1000 the device's name is longer than 200 characters");
        cases.put(String.format(hello, "n", ",\"securePort\":70000"),
                "1000 the secure VNC port must be between 1 and 65535, got 70000");
        cases.put(String.format(hello, "n", ",\"securePort\":0"),
                "1000 the secure VNC port must be between 1 and 65535, got 0");
        cases.put(String.format(hello, "n", ",\"agentVersion\":\"" + "v".repeat(65) + "\""),
                "1000 the agent's version is longer than 64 characters");
        cases.put("{\"type\":\"heartbeat\",\"sentAtMillis\":\"soon\"}",
                "1007 the message is not a valid Unified Protocol message");
        cases.put("{\"type\":\"shadow.result\",\"outcome\":\"DECLINED\"}", "1000 the session id is missing");
        cases.put("{\"type\":\"shadow.result\",\"sessionId\":\"s\"}", "1000 the shadow result has no outcome");
        cases.put("{\"type\":\"shadow.result\",\"sessionId\":\"s\",\"outcome\":\"MAYBE\"}",
                "1007 the message is not a valid Unified Protocol message");
        cases.put("{\"type\":\"shadow.closed\",\"sessionId\":\"s\",\"reason\":\"" + "r".repeat(121) + "\"}",
                "1000 the reason is longer than 120 characters");
        cases.put("{\"type\":\"shadow.password.check\",\"requestId\":\"r\"}", "1000 the password is missing");
        cases.put("{\"type\":\"welcome\",\"deviceId\":\"1\",\"heartbeatSeconds\":1}",
                "1000 a device does not send welcome messages");
        cases.put("{\"type\":\"shadow.open\",\"sessionId\":\"s\"}", "1000 a device does not send shadow.open messages");
        cases.put("{\"type\":\"shadow.password.verdict\",\"requestId\":\"r\",\"valid\":true}",
                "1000 a device does not send shadow.password.verdict messages");

        SoftAssertions soft = new SoftAssertions();
        int n = 0;
        for (Map.Entry<String, String> c : cases.entrySet()) {
            String name = "Bad" + n++;
            try (FakeDevice bad = ServerDevices.enroll(server, name).connect()) {
                bad.sendRaw(c.getKey());
                soft.assertThat(bad.closedByServer()).as(c.getKey()).isEqualTo(c.getValue());
            }
        }
        soft.assertAll();
    }

    @Test
    void aHelloBeforeAnyOtherMessageIsRequiredAndAHelloFloodIsCutOff() throws Exception {
        try (FakeDevice flood = ServerDevices.enroll(server, "Flood").connect()) {
            String hello = "{\"type\":\"hello\",\"name\":\"Flood\",\"unitId\":\"unit-Flood\"}";
            for (int i = 0; i < 20_000 && !flood.isClosed(); i++) {
                flood.sendRaw(hello);
            }
            assertThat(flood.closedByServer()).isEqualTo("1000 too many hello messages; connect again in a minute");
        }
    }
}
