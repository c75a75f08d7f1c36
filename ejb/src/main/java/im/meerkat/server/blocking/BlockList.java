package im.meerkat.server.blocking;

import im.meerkat.xmpp.jid.Jid;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One user's blocked JIDs, an immutable value. An item matches addresses by the rules of
 * XEP-0191 §3 (those of XEP-0016 §2.1): {@code user@domain/resource} that JID only,
 * {@code user@domain} any of its resources too, {@code domain/resource} that JID only,
 * {@code domain} the domain, every address at it and every address at a subdomain of it.
 */
public final class BlockList {

    private static final BlockList EMPTY = new BlockList(Set.of());

    private final Set<Jid> items;
    /** The domain-only items, as strings, for matching subdomains. */
    private final Set<String> domains;

    private BlockList(Set<Jid> items) {
        this.items = items;
        this.domains = items.stream().filter(Jid::isDomainOnly).map(Jid::domain)
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    public static BlockList empty() {
        return EMPTY;
    }

    public static BlockList of(Collection<Jid> items) {
        return items.isEmpty() ? EMPTY : new BlockList(Set.copyOf(items));
    }

    /** The items, sorted. */
    public List<Jid> items() {
        return List.copyOf(new TreeSet<>(items));
    }

    public boolean isEmpty() {
        return items.isEmpty();
    }

    public boolean contains(Jid item) {
        return items.contains(item);
    }

    /** Whether some item matches this address. */
    public boolean blocks(Jid address) {
        if (items.isEmpty() || address == null) {
            return false;
        }
        if (items.contains(address) || items.contains(address.bare())) {
            return true;
        }
        if (domains.isEmpty()) {
            return false;
        }
        String domain = address.domain();
        while (true) {
            if (domains.contains(domain)) {
                return true;
            }
            int dot = domain.indexOf('.');
            if (dot < 0) {
                return false;
            }
            domain = domain.substring(dot + 1);
        }
    }

    /** One JID a line, as the block list cache stores it. */
    String encode() {
        return String.join("\n", items.stream().map(Jid::toString).sorted().toList());
    }

    /** Reads {@link #encode()}'s text; empty text is an empty list. */
    static BlockList decode(String text) {
        if (text.isEmpty()) {
            return EMPTY;
        }
        List<Jid> jids = new ArrayList<>();
        for (String line : text.split("\n")) {
            jids.add(Jid.of(line));
        }
        return of(jids);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BlockList b && b.items.equals(items);
    }

    @Override
    public int hashCode() {
        return items.hashCode();
    }

    @Override
    public String toString() {
        return items().toString();
    }
}
