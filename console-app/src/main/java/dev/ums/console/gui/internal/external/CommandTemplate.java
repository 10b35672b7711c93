package dev.ums.console.gui.internal.external;

import java.util.ArrayList;
import java.util.List;

/**
 * An external viewer's command line with placeholders, split into program and arguments the way a shell
 * would split words (double or single quotes keep spaces) but without running a shell: {@code {host}} and
 * {@code {port}} become the local proxy's address, {@code {display}} the port minus 5900 for viewers that
 * only take display numbers.
 */
public final class CommandTemplate {
    private CommandTemplate() {
    }

    public static List<String> argv(String template, String host, int port) {
        List<String> words = split(template);
        if (words.isEmpty()) {
            throw new IllegalArgumentException("the external viewer command is empty; set it in Settings");
        }
        List<String> argv = new ArrayList<>(words.size());
        for (String word : words) {
            argv.add(word.replace("{host}", host).replace("{port}", Integer.toString(port))
                    .replace("{display}", Integer.toString(port - 5900)));
        }
        return argv;
    }

    static List<String> split(String template) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        String text = template == null ? "" : template;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("the external viewer command has an unclosed quote");
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
