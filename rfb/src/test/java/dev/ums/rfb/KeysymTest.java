package dev.ums.rfb;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Characters to keysyms and back. */
class KeysymTest {

    @Test
    void latin1IsItsOwnKeysymAndEverythingElseUnicode() {
        assertThat(Keysym.forCodePoint('a')).isEqualTo(0x61);
        assertThat(Keysym.forCodePoint('ß')).isEqualTo(0xdf);
        assertThat(Keysym.forCodePoint('Ж')).isEqualTo(0x01000416);
        assertThat(Keysym.forCodePoint(0x1F600)).isEqualTo(0x0101F600);
    }

    @Test
    void keysymsTypeTheirCharacterBack() {
        assertThat(Keysym.codePoint(0xdf)).isEqualTo('ß');
        assertThat(Keysym.codePoint(0x01000416)).isEqualTo('Ж');
        assertThat(Keysym.codePoint(0x0101F600)).isEqualTo(0x1F600);
        assertThat(Keysym.codePoint(Keysym.RETURN)).isEqualTo(-1);
        assertThat(Keysym.codePoint(0x1f)).isEqualTo(-1);
    }
}
