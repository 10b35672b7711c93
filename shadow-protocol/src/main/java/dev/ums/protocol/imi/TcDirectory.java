package dev.ums.protocol.imi;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** A device directory as IMI v3 describes it; {@code dirChildren} is present with the {@code children} facet. */
public record TcDirectory(
        String id,
        String name,
        @JsonProperty("parentID") String parentId,
        boolean movedToBin,
        String objectType,
        List<DirectoryChild> dirChildren) {

    /** One entry of a directory's children: a device ({@code tc}) or a sub-directory ({@code tcdirectory}). */
    public record DirectoryChild(String id, String objectType) {
    }
}
