package dev.ums.rfb;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * What a server sends after the version exchange: the security types it offers, or a refusal with a reason. In
 * RFB 3.3 the server imposes one type as a 32-bit number; from 3.7 on it lists the types after a one-byte count
 * and the client answers with its choice, one byte. A type or count of 0 means refused, and a reason string
 * follows.
 *
 * @param types   the types offered, in the server's order; empty for a refusal
 * @param refusal the reason of a refusal, else null
 */
public record SecurityTypes(List<Integer> types, String refusal) {
    /** The length of the 3.3 form, which a reader of the stream must wait for. */
    public static final int V3_3_LENGTH = 4;

    public SecurityTypes {
        types = List.copyOf(types);
    }

    public static SecurityTypes offer(Integer... types) {
        return new SecurityTypes(List.of(types), null);
    }

    public static SecurityTypes refused(String reason) {
        return new SecurityTypes(List.of(), reason);
    }

    public boolean isRefusal() {
        return refusal != null;
    }

    /** @throws IllegalArgumentException for an offer of more than one type to a 3.3 client, which cannot choose */
    public byte[] encode(ProtocolVersion version) {
        if (isRefusal()) {
            byte[] reason = RfbStrings.encode(refusal);
            ByteBuffer b = ByteBuffer.allocate((version == ProtocolVersion.V3_3 ? 4 : 1) + reason.length);
            return (version == ProtocolVersion.V3_3 ? b.putInt(SecurityType.INVALID) : b.put((byte) 0)).put(reason).array();
        }
        if (version == ProtocolVersion.V3_3) {
            if (types.size() != 1) {
                throw new IllegalArgumentException("an RFB 3.3 server imposes exactly one security type, not " + types);
            }
            return ByteBuffer.allocate(V3_3_LENGTH).putInt(types.get(0)).array();
        }
        ByteBuffer b = ByteBuffer.allocate(1 + types.size()).put((byte) types.size());
        types.forEach(t -> b.put(t.byteValue()));
        return b.array();
    }

    public static SecurityTypes decode(RfbInput in, ProtocolVersion version) throws IOException {
        if (version == ProtocolVersion.V3_3) {
            int type = in.s32();
            return type == SecurityType.INVALID ? refused(RfbStrings.read(in, "failure reason")) : offer(type);
        }
        int count = in.u8();
        if (count == 0) {
            return refused(RfbStrings.read(in, "failure reason"));
        }
        Integer[] offered = new Integer[count];
        for (int i = 0; i < count; i++) {
            offered[i] = in.u8();
        }
        return offer(offered);
    }
}
