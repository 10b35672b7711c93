package dev.ums.console.gui.internal.devices;

import java.util.Comparator;

/**
 * The order in which the console lists devices and directories by name, as people read names: letters without
 * regard to case, and numbers within names by their value, so {@code kiosk-2} comes before {@code kiosk-10}. A
 * missing name comes first; names that differ only in case or leading zeros keep a fixed order. Any thread.
 */
final class NameOrder implements Comparator<Object> {
    static final NameOrder INSTANCE = new NameOrder();

    private NameOrder() {
    }

    @Override
    public int compare(Object left, Object right) {
        if (left == null || right == null) {
            return left == right ? 0 : left == null ? -1 : 1;
        }
        String a = left.toString();
        String b = right.toString();
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char x = a.charAt(i);
            char y = b.charAt(j);
            if (isDigit(x) && isDigit(y)) {
                int endA = digitsEnd(a, i);
                int endB = digitsEnd(b, j);
                int byValue = compareNumbers(a.substring(i, endA), b.substring(j, endB));
                if (byValue != 0) {
                    return byValue;
                }
                i = endA;
                j = endB;
            } else {
                int byLetter = Character.compare(fold(x), fold(y));
                if (byLetter != 0) {
                    return byLetter;
                }
                i++;
                j++;
            }
        }
        int byLength = Integer.compare(a.length() - i, b.length() - j);
        return byLength != 0 ? byLength : a.compareTo(b);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int digitsEnd(String s, int from) {
        int end = from;
        while (end < s.length() && isDigit(s.charAt(end))) {
            end++;
        }
        return end;
    }

    /** Numbers of any length by value: without leading zeros, the longer is the larger. */
    private static int compareNumbers(String a, String b) {
        String x = a.replaceFirst("^0+(?=.)", "");
        String y = b.replaceFirst("^0+(?=.)", "");
        return x.length() != y.length() ? Integer.compare(x.length(), y.length()) : x.compareTo(y);
    }

    private static char fold(char c) {
        return Character.toLowerCase(Character.toUpperCase(c));
    }
}
