package dev.ums.testkit.vnc;

import java.awt.Toolkit;
import java.awt.datatransfer.Clipboard;
import java.awt.datatransfer.DataFlavor;
import java.awt.datatransfer.StringSelection;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * An X clipboard client run as its own process on a test X display: {@code set TEXT SECONDS}
 * owns the CLIPBOARD selection for a while, {@code get} prints what the selection holds.
 */
public final class XClipboardClient {
    private XClipboardClient() {
    }

    public static void main(String[] args) throws Exception {
        Clipboard clipboard = Toolkit.getDefaultToolkit().getSystemClipboard();
        if (args[0].equals("set")) {
            clipboard.setContents(new StringSelection(args[1]), null);
            System.out.println("owned");
            System.out.flush();
            Thread.sleep(Long.parseLong(args[2]) * 1000);
        } else {
            String text = clipboard.isDataFlavorAvailable(DataFlavor.stringFlavor)
                    ? (String) clipboard.getData(DataFlavor.stringFlavor) : "";
            new PrintStream(System.out, true, StandardCharsets.UTF_8).print(text);
        }
        System.exit(0);
    }
}
