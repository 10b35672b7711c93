package dev.ums.console.gui.internal.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A screenshot is written as PNG, owner-only, through a part file moved into place (a link planted at the name is
 * replaced, not followed); a place it cannot be written gets a reason, and nothing on standard error.
 */
class ScreenshotTest {
    @TempDir
    Path dir;

    private static Screenshot twoPixels() {
        BufferedImage image = new BufferedImage(2, 1, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, 0x123456);
        image.setRGB(1, 0, 0xabcdef);
        return new Screenshot(image);
    }

    @Test
    void thePixelsAreWrittenAsPng() throws IOException {
        Path file = dir.resolve("shot.png");
        twoPixels().write(file.toFile());

        BufferedImage read = ImageIO.read(file.toFile());
        assertThat(read.getRGB(0, 0) & 0xffffff).isEqualTo(0x123456);
        assertThat(read.getRGB(1, 0) & 0xffffff).isEqualTo(0xabcdef);
    }

    /** A device name near the file system's 255 bytes: the part file's name once passed them and nothing was saved. */
    @Test
    void aNameNearTheLongestAFileSystemAllowsIsWritten() throws IOException {
        Path file = dir.resolve(Screenshot.suggestedName("k".repeat(230)));
        assertThat(file.getFileName().toString().length()).isBetween(240, 255);

        twoPixels().write(file.toFile());

        assertThat(ImageIO.read(file.toFile()).getRGB(0, 0) & 0xffffff).isEqualTo(0x123456);
    }

    @Test
    void theFileIsOwnerOnlyAndALinkAtItsNameIsReplacedNotFollowed() throws IOException {
        Path elsewhere = Files.writeString(dir.resolve("elsewhere.txt"), "not the screenshot's to change");
        Path file = Files.createSymbolicLink(dir.resolve("shot.png"), elsewhere);
        twoPixels().write(file.toFile());

        assertThat(Files.isSymbolicLink(file)).isFalse();
        assertThat(ImageIO.read(file.toFile()).getRGB(1, 0) & 0xffffff).isEqualTo(0xabcdef);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readString(elsewhere)).isEqualTo("not the screenshot's to change");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder("shot.png",
                    "elsewhere.txt");
        }
    }

    @Test
    void aPlaceThatCannotBeWrittenFailsWithItsReasonAndNoStackTrace() throws IOException {
        Path notAFolder = Files.writeString(dir.resolve("notes.txt"), "a file, not a folder");
        Path missing = dir.resolve("gone").resolve("shot.png");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream before = System.err;
        System.setErr(new PrintStream(err, true));
        try {
            assertThatThrownBy(() -> twoPixels().write(notAFolder.resolve("shot.png").toFile()))
                    .isInstanceOf(IOException.class)
                    .hasMessage("cannot write " + notAFolder.resolve("shot.png") + ": not a directory");
            assertThatThrownBy(() -> twoPixels().write(missing.toFile()))
                    .hasMessage("cannot write " + missing + ": no such file or directory");
        } finally {
            System.setErr(before);
        }
        assertThat(err.toString()).isEmpty();
    }
}
