package dev.ums.rfb;

import java.nio.charset.StandardCharsets;

/**
 * ClientCutText: the client's clipboard in Latin-1, the only charset the classic message allows; characters
 * outside it become '?'. Its layout, and the Extended Clipboard's, is {@link CutText}'s.
 */
public record ClientCutText(String text) implements ClientMessage {
    @Override
    public byte[] encode() {
        return CutText.encode(MessageType.CLIENT_CUT_TEXT, text.getBytes(StandardCharsets.ISO_8859_1));
    }
}
