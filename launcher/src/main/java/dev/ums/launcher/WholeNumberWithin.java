package dev.ums.launcher;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * An option's whole number within {@code min} and {@code max}, refused while the command line is read with a
 * sentence naming what it must be. Each kind of number is a subclass, as picocli makes converters by their class.
 * Any thread.
 */
abstract class WholeNumberWithin implements ITypeConverter<Integer> {
    private final int min;
    private final int max;
    private final String what;

    /** {@code what} completes "'VALUE' is not …", e.g. "a port number (0 to 65535)". */
    WholeNumberWithin(int min, int max, String what) {
        this.min = min;
        this.max = max;
        this.what = what;
    }

    @Override
    public Integer convert(String value) {
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // told below
        }
        throw new TypeConversionException("'" + value + "' is not " + what);
    }
}
