package im.meerkat.xmpp.jid;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

import rocks.xmpp.precis.PrecisProfiles;

/**
 * An XMPP address {@code [localpart@]domainpart[/resourcepart]} (RFC 7622 §3), held in its
 * enforced (normalized) form so that two addresses are equal exactly when RFC 7622 says they
 * are the same entity.
 *
 * <p>The localpart is enforced with the PRECIS UsernameCaseMapped profile (§3.3), the
 * resourcepart with OpaqueString (§3.4), and the domainpart is lower-cased and, when not ASCII,
 * enforced as an IDN (§3.2). Each part is at most 1023 octets in UTF-8. Pure ASCII parts, which
 * is nearly all traffic, take a fast path that gives the same result as the PRECIS profiles.
 */
public final class Jid implements Serializable, Comparable<Jid> {

    private static final long serialVersionUID = 1L;
    private static final int MAX_PART_OCTETS = 1023;
    /** RFC 7622 §3.3.1: characters a localpart may not contain. */
    private static final String LOCALPART_FORBIDDEN = "\"&'/:<>@";

    private final String local;
    private final String domain;
    private final String resource;
    private transient String text;

    private Jid(String local, String domain, String resource) {
        this.local = local;
        this.domain = domain;
        this.resource = resource;
    }

    /**
     * Parses and enforces an address string.
     *
     * @throws InvalidJidException if any part is empty, too long or not allowed by its profile
     */
    public static Jid of(String address) {
        Objects.requireNonNull(address, "address");
        // RFC 7622 §3.2: the resourcepart starts at the first '/', the localpart ends at the
        // first '@' before it.
        int slash = address.indexOf('/');
        String beforeResource = slash < 0 ? address : address.substring(0, slash);
        String resource = slash < 0 ? null : address.substring(slash + 1);
        int at = beforeResource.indexOf('@');
        String local = at < 0 ? null : beforeResource.substring(0, at);
        String domain = at < 0 ? beforeResource : beforeResource.substring(at + 1);
        return of(local, domain, resource);
    }

    /** Parses an address, or returns empty when it is not valid. */
    public static Optional<Jid> tryOf(String address) {
        if (address == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(of(address));
        } catch (InvalidJidException e) {
            return Optional.empty();
        }
    }

    /**
     * Builds an address from its parts; {@code local} and {@code resource} may be null.
     *
     * @throws InvalidJidException if a part is not valid
     */
    public static Jid of(String local, String domain, String resource) {
        return new Jid(
                local == null ? null : enforceLocal(local),
                enforceDomain(domain),
                resource == null ? null : enforceResource(resource));
    }

    /** A domain-only address such as {@code example.com}. */
    public static Jid domain(String domain) {
        return of(null, domain, null);
    }

    public Optional<String> local() {
        return Optional.ofNullable(local);
    }

    public String domain() {
        return domain;
    }

    public Optional<String> resource() {
        return Optional.ofNullable(resource);
    }

    /** The localpart or null: for code on hot paths that would only unwrap the Optional. */
    public String localOrNull() {
        return local;
    }

    /** The resourcepart or null. */
    public String resourceOrNull() {
        return resource;
    }

    public boolean isBare() {
        return resource == null;
    }

    public boolean isFull() {
        return resource != null;
    }

    public boolean isDomainOnly() {
        return local == null && resource == null;
    }

    /** This address without its resourcepart. */
    public Jid bare() {
        return resource == null ? this : new Jid(local, domain, null);
    }

    /** The domain of this address as an address of its own. */
    public Jid domainJid() {
        return isDomainOnly() ? this : new Jid(null, domain, null);
    }

    /** The same bare address with the given resourcepart (enforced). */
    public Jid withResource(String newResource) {
        return new Jid(local, domain, enforceResource(newResource));
    }

    /** Whether {@code other} has the same localpart and domainpart. */
    public boolean isSameBare(Jid other) {
        return other != null && Objects.equals(local, other.local) && domain.equals(other.domain);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Jid)) {
            return false;
        }
        Jid other = (Jid) o;
        return domain.equals(other.domain)
                && Objects.equals(local, other.local)
                && Objects.equals(resource, other.resource);
    }

    @Override
    public int hashCode() {
        return Objects.hash(local, domain, resource);
    }

    @Override
    public int compareTo(Jid o) {
        return toString().compareTo(o.toString());
    }

    @Override
    public String toString() {
        String s = text;
        if (s == null) {
            StringBuilder b = new StringBuilder();
            if (local != null) {
                b.append(local).append('@');
            }
            b.append(domain);
            if (resource != null) {
                b.append('/').append(resource);
            }
            s = b.toString();
            text = s;
        }
        return s;
    }

    static String enforceLocal(String local) {
        String enforced;
        if (isPlainAscii(local)) {
            // UsernameCaseMapped on printable ASCII without spaces is lower-casing.
            enforced = asciiLower(local);
        } else {
            enforced = enforce(local, "localpart", true);
        }
        for (int i = 0; i < enforced.length(); i++) {
            if (LOCALPART_FORBIDDEN.indexOf(enforced.charAt(i)) >= 0) {
                throw new InvalidJidException("localpart contains '" + enforced.charAt(i) + "'");
            }
        }
        return checkLength(enforced, "localpart");
    }

    static String enforceResource(String resource) {
        String enforced = isPrintableAsciiOrSpace(resource)
                ? resource
                : enforce(resource, "resourcepart", false);
        return checkLength(enforced, "resourcepart");
    }

    static String enforceDomain(String domain) {
        Objects.requireNonNull(domain, "domain");
        String d = domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain;
        if (d.isEmpty()) {
            throw new InvalidJidException("empty domainpart");
        }
        if (d.startsWith("[") && d.endsWith("]")) {
            return checkLength(asciiLower(d), "domainpart"); // IPv6 literal, RFC 7622 §3.2.1
        }
        String enforced;
        if (isPlainAscii(d)) {
            enforced = asciiLower(d);
        } else {
            try {
                enforced = PrecisProfiles.IDN.enforce(d);
            } catch (IllegalArgumentException e) {
                throw new InvalidJidException("invalid domainpart: " + e.getMessage(), e);
            }
        }
        for (int i = 0; i < enforced.length(); i++) {
            char c = enforced.charAt(i);
            if (c == '@' || c == '/' || c == ' ' || c == '\\' || Character.isISOControl(c)) {
                throw new InvalidJidException("domainpart contains a forbidden character");
            }
        }
        if (enforced.startsWith(".") || enforced.contains("..")) {
            throw new InvalidJidException("domainpart has an empty label");
        }
        return checkLength(enforced, "domainpart");
    }

    private static String enforce(String part, String what, boolean username) {
        if (part.isEmpty()) {
            throw new InvalidJidException("empty " + what);
        }
        try {
            return username
                    ? PrecisProfiles.USERNAME_CASE_MAPPED.enforce(part)
                    : PrecisProfiles.OPAQUE_STRING.enforce(part);
        } catch (IllegalArgumentException e) {
            throw new InvalidJidException("invalid " + what + ": " + e.getMessage(), e);
        }
    }

    private static String checkLength(String part, String what) {
        if (part.isEmpty()) {
            throw new InvalidJidException("empty " + what);
        }
        if (part.length() > MAX_PART_OCTETS
                || part.getBytes(StandardCharsets.UTF_8).length > MAX_PART_OCTETS) {
            throw new InvalidJidException(what + " longer than " + MAX_PART_OCTETS + " octets");
        }
        return part;
    }

    /** Printable ASCII without space (0x21..0x7E). */
    private static boolean isPlainAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x21 || c > 0x7E) {
                return false;
            }
        }
        return true;
    }

    /** Printable ASCII, allowing inner spaces as OpaqueString does (0x20..0x7E). */
    private static boolean isPrintableAsciiOrSpace(String s) {
        if (s.isEmpty() || s.charAt(0) == ' ' || s.charAt(s.length() - 1) == ' ') {
            return false; // let PRECIS decide about leading/trailing spaces
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                return false;
            }
        }
        return true;
    }

    private static String asciiLower(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                char[] chars = s.toCharArray();
                for (int j = i; j < chars.length; j++) {
                    char d = chars[j];
                    if (d >= 'A' && d <= 'Z') {
                        chars[j] = (char) (d + ('a' - 'A'));
                    }
                }
                return new String(chars);
            }
        }
        return s;
    }
}
