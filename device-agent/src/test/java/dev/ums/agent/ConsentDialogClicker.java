package dev.ums.agent;

import dev.ums.agent.internal.consent.ConsentDialog;
import dev.ums.testkit.vnc.XvncServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Plays the person at the device: waits for the consent dialog on an Xvnc display and clicks a button. */
public record ConsentDialogClicker(XvncServer xvnc) {
    public void clickAccept() throws IOException {
        click(ConsentDialog.WIDTH / 4);
    }

    public void clickDeny() throws IOException {
        click(ConsentDialog.WIDTH * 3 / 4);
    }

    private void click(int x) throws IOException {
        // --sync waits for the window; timeout bounds the wait if the dialog never shows.
        String window = new String(xvnc.runClient("timeout", "30", "xdotool", "search", "--sync", "--onlyvisible",
                "--name", ConsentDialog.TITLE), StandardCharsets.US_ASCII).trim().split("\\s+")[0];
        if (window.isEmpty()) {
            throw new IOException("the consent dialog did not appear on " + xvnc.display());
        }
        int y = ConsentDialog.HEIGHT - ConsentDialog.BUTTON_ROW_HEIGHT / 2;
        xvnc.runClient("xdotool", "mousemove", "--window", window, Integer.toString(x), Integer.toString(y),
                "click", "1");
    }
}
