package dev.ums.console.core;

/** An answer of the server: its HTTP status and its text (null when the text was too long or went to a file). */
record ImiAnswer(int status, String body) {
}
