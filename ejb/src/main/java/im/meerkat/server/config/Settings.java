package im.meerkat.server.config;

import java.util.Locale;
import java.util.function.Function;

/**
 * How every setting is read: a Java system property ({@code meerkat.vcard.max-bytes}), else the
 * environment variable of the same name in upper case with underscores for dots and dashes
 * ({@code MEERKAT_VCARD_MAX_BYTES}). The typed settings classes read through these functions, so
 * the rule and its error messages are the same for all of them.
 */
public final class Settings {

    private Settings() {
    }

    /** The raw value of a setting, or null when neither the property nor the variable is set. */
    public static String lookup(String property) {
        String value = System.getProperty(property);
        return value != null ? value
                : System.getenv(property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
    }

    /**
     * A whole-number setting within {@code min..max}; the fallback when it is absent or blank.
     *
     * @throws IllegalArgumentException naming the setting, for a value that is not a number or
     *     is out of range
     */
    public static int integer(Function<String, String> source, String property, int fallback, int min, int max) {
        String value = source.apply(property);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below with the setting's name and range
        }
        throw new IllegalArgumentException(property + " must be a whole number from " + min + " to " + max
                + ", not " + value);
    }
}
