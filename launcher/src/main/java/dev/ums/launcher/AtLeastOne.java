package dev.ums.launcher;

/**
 * A count of minutes or seconds that must be 1 or more, such as an idle limit or a timeout: 0 or less would end
 * every session, or every wait, at once.
 */
final class AtLeastOne extends WholeNumberWithin {
    AtLeastOne() {
        super(1, Integer.MAX_VALUE, "a whole number of 1 or more");
    }
}
