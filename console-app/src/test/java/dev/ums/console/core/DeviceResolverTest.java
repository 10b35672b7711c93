package dev.ums.console.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import dev.ums.console.core.ImiException.Kind;
import dev.ums.console.gui.ImiSentences;
import dev.ums.protocol.imi.ThinClient;
import dev.ums.protocol.json.WireJson;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeviceResolverTest {
    /** Built from JSON, as the server sends it, so the test does not depend on the record's arity. */
    private static ThinClient device(String id, String name, boolean inBin) {
        return WireJson.read("{\"id\":\"" + id + "\",\"name\":\"" + name + "\",\"movedToBin\":" + inBin
                + ",\"objectType\":\"tc\",\"online\":true}", ThinClient.class);
    }

    private final DeviceResolver resolver = new DeviceResolver(List.of(
            device("1", "Curry", false),
            device("2", "curry", false),
            device("3", "Pepper", false),
            device("4", "PEPPER", false),
            device("5", "Salt", false),
            device("6", "salt", true),
            device("7", "12", false)));

    @Test
    void anIdWinsOverANameThatLooksLikeAnId() throws Exception {
        assertThat(resolver.resolve("7").name()).isEqualTo("12");
        assertThat(resolver.resolve("12").id()).isEqualTo("7");
    }

    @Test
    void anExactNameWinsOverACaseInsensitiveOne() throws Exception {
        assertThat(resolver.resolve("curry").id()).isEqualTo("2");
        assertThat(resolver.resolve("Curry").id()).isEqualTo("1");
    }

    @Test
    void caseIsIgnoredWhenNoExactNameMatches() throws Exception {
        assertThat(resolver.resolve(" sALT ").id()).isEqualTo("5");
    }

    @Test
    void anAmbiguousNameListsTheIds() {
        assertThatThrownBy(() -> resolver.resolve("pepper"))
                .isInstanceOfSatisfying(ImiException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND))
                .extracting(ImiSentences::of, STRING)
                .isEqualTo("2 devices are named pepper (ids 3, 4); give the id instead");
    }

    @Test
    void anUnknownNameIsOneSentence() {
        assertThatThrownBy(() -> resolver.resolve("Nutmeg"))
                .extracting(ImiSentences::of, STRING)
                .isEqualTo("no device named Nutmeg");
    }

    @Test
    void devicesInTheBinAreNeverChosen() {
        assertThatThrownBy(() -> resolver.resolve("6"))
                .extracting(ImiSentences::of, STRING)
                .isEqualTo("no device named 6");
    }
}
