package dev.ums.launcher;

import java.util.Locale;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The server's {@code --db-url}, refused when it carries a password ({@code password=} as PostgreSQL and H2 take it,
 * or {@code user:password@}): a command line is readable by every user of the machine in the process list, so the
 * password comes from {@code UMS_DB_PASSWORD}. The refusal does not repeat the URL.
 */
final class DatabaseUrl implements ITypeConverter<String> {
    private static final Pattern USER_INFO_WITH_PASSWORD = Pattern.compile("//[^/@]*:[^/@]*@");

    @Override
    public String convert(String value) {
        if (value.toLowerCase(Locale.ROOT).contains("password=") || USER_INFO_WITH_PASSWORD.matcher(value).find()) {
            throw new TypeConversionException("it holds a password, which every user of this machine can read in "
                    + "the process list; give the URL without it and set UMS_DB_PASSWORD");
        }
        return value;
    }
}
