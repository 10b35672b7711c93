package dev.ums.rfb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ums.testkit.rfb.Bytes;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The opening of a connection: versions, security types and results, ClientInit and ServerInit. */
class HandshakeMessagesTest {

    @Test
    void greetings() {
        assertThat(ProtocolVersion.V3_3.greeting()).isEqualTo(new Bytes().ascii("RFB 003.003\n").toArray());
        assertThat(ProtocolVersion.V3_7.greeting()).isEqualTo(new Bytes().ascii("RFB 003.007\n").toArray());
        assertThat(ProtocolVersion.V3_8.greeting()).isEqualTo(new Bytes().ascii("RFB 003.008\n").toArray())
                .hasSize(ProtocolVersion.GREETING_LENGTH);
        assertThat(ProtocolVersion.V3_8.label()).isEqualTo("3.8");
    }

    @ParameterizedTest
    @CsvSource({
        "RFB 003.003, V3_3",
        "RFB 003.005, V3_3",      // 3.4 to 3.6 are 3.3 with another number
        "RFB 003.007, V3_7",
        "RFB 003.008, V3_8",
        "RFB 003.889, V3_8",      // Apple's
        "RFB 004.000, V3_8",
    })
    void aPeersVersionIsAnsweredWithTheClosestWeSpeak(String greeting, ProtocolVersion expected) {
        ProtocolVersion.Announced announced = ProtocolVersion.Announced.parse(
                (greeting + "\n").getBytes(StandardCharsets.US_ASCII)).orElseThrow();
        assertThat(ProtocolVersion.closestTo(announced)).isEqualTo(expected);
    }

    @Test
    void anythingElseIsNoGreeting() {
        assertThat(ProtocolVersion.Announced.parse("HTTP/1.1 400".getBytes(StandardCharsets.US_ASCII))).isEmpty();
        assertThat(ProtocolVersion.Announced.parse("RFB 003.008\r".getBytes(StandardCharsets.US_ASCII))).isEmpty();
        assertThat(ProtocolVersion.Announced.parse("RFB 3.8\n".getBytes(StandardCharsets.US_ASCII))).isEmpty();
    }

    @Test
    void aVersion33ServerImposesOneType() throws Exception {
        byte[] wire = new Bytes().s32(2).toArray();                 // VNC authentication
        SecurityTypes offer = SecurityTypes.offer(SecurityType.VNC_AUTHENTICATION);
        assertThat(offer.encode(ProtocolVersion.V3_3)).isEqualTo(wire).hasSize(SecurityTypes.V3_3_LENGTH);
        SecurityTypes read = Wire.decode(new Bytes().raw(wire), in -> SecurityTypes.decode(in, ProtocolVersion.V3_3));
        assertThat(read).isEqualTo(offer);
        assertThatThrownBy(() -> SecurityTypes.offer(1, 2).encode(ProtocolVersion.V3_3))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aVersion38ServerListsTypes() throws Exception {
        byte[] wire = new Bytes().u8(2).u8(1, 2).toArray();          // count, None, VNC authentication
        SecurityTypes offer = SecurityTypes.offer(SecurityType.NONE, SecurityType.VNC_AUTHENTICATION);
        assertThat(offer.encode(ProtocolVersion.V3_8)).isEqualTo(wire);
        SecurityTypes read = Wire.decode(new Bytes().raw(wire), in -> SecurityTypes.decode(in, ProtocolVersion.V3_8));
        assertThat(read.types()).containsExactly(1, 2);
        assertThat(read.isRefusal()).isFalse();
    }

    @Test
    void aRefusalCarriesItsReasonInEveryVersion() throws Exception {
        Bytes v33 = new Bytes().s32(0)                                // type 0: refused
                .s32(4).ascii("busy");                                // reason
        Bytes v37 = new Bytes().u8(0)                                 // no types: refused
                .s32(4).ascii("busy");
        assertThat(SecurityTypes.refused("busy").encode(ProtocolVersion.V3_3)).isEqualTo(v33.toArray());
        assertThat(SecurityTypes.refused("busy").encode(ProtocolVersion.V3_7)).isEqualTo(v37.toArray());
        assertThat(Wire.decode(v33, in -> SecurityTypes.decode(in, ProtocolVersion.V3_3)).refusal()).isEqualTo("busy");
        assertThat(Wire.decode(v37, in -> SecurityTypes.decode(in, ProtocolVersion.V3_7)).refusal()).isEqualTo("busy");
    }

    @Test
    void securityResults() throws Exception {
        Bytes ok = new Bytes().s32(0);
        Bytes failed38 = new Bytes().s32(1).s32(5).ascii("wrong");   // failed, reason
        Bytes failed37 = new Bytes().s32(1);                          // failed, no reason before 3.8
        assertThat(SecurityResult.OK.encode(ProtocolVersion.V3_8)).isEqualTo(ok.toArray());
        assertThat(SecurityResult.failed("wrong").encode(ProtocolVersion.V3_8)).isEqualTo(failed38.toArray());
        assertThat(SecurityResult.failed("wrong").encode(ProtocolVersion.V3_7)).isEqualTo(failed37.toArray());
        assertThat(Wire.decode(ok, in -> SecurityResult.decode(in, ProtocolVersion.V3_8)).ok()).isTrue();
        assertThat(Wire.decode(failed38, in -> SecurityResult.decode(in, ProtocolVersion.V3_8)).reason()).isEqualTo("wrong");
        assertThat(Wire.decode(failed37, in -> SecurityResult.decode(in, ProtocolVersion.V3_7)).reason()).isEmpty();
    }

    @Test
    void clientInit() throws Exception {
        assertThat(new ClientInit(true).encode()).containsExactly(1).hasSize(ClientInit.LENGTH);
        assertThat(Wire.decode(new Bytes().u8(0), ClientInit::decode).shared()).isFalse();
    }

    @Test
    void serverInit() throws Exception {
        Bytes wire = new Bytes()
                .u16(1024, 640)                                       // framebuffer size
                .u8(32, 24, 0, 1).u16(255, 255, 255).u8(16, 8, 0, 0, 0, 0)   // RGB888
                .s32(7).ascii("kiosk-1");                             // name
        ServerInit init = new ServerInit(1024, 640, PixelFormat.RGB888, "kiosk-1");
        assertThat(init.encode()).isEqualTo(wire.toArray());
        assertThat(Wire.decode(wire, ServerInit::decode)).isEqualTo(init);
    }

    @Test
    void aNameIsSentAsUtf8AndReadAsLatin1SoThatNoByteIsRejected() throws Exception {
        byte[] wire = new ServerInit(1, 1, PixelFormat.RGB888, "Kö").encode();
        assertThat(wire).endsWith(new Bytes().s32(3).u8('K', 0xc3, 0xb6).toArray());
        assertThat(Wire.decode(new Bytes().raw(wire), ServerInit::decode).name()).isEqualTo("K\u00c3\u00b6");
    }

    @Test
    void anImplausibleNameLengthIsRefusedBeforeAllocating() {
        Bytes wire = new Bytes().u16(1, 1).raw(PixelFormat.RGB888.encode()).s32(0x7fffffff);
        assertThatThrownBy(() -> Wire.decode(wire, ServerInit::decode))
                .isInstanceOfSatisfying(ImplausibleLengthException.class, e -> assertThat(e.length())
                        .isEqualTo(new ImplausibleLengthException.Length("desktop name", 0x7fffffff, 64 * 1024)));
    }
}
