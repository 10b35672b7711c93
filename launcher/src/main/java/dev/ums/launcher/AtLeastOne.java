package dev.ums.launcher;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A count of minutes or seconds that must be 1 or more, such as an idle limit or a timeout: 0 or less would end
 * every session, or every wait, at once.
 */
final class AtLeastOne implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // told below
        }
        throw new TypeConversionException("'" + value + "' is not a whole number of 1 or more");
    }
}
