package im.meerkat.load;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Loopback source addresses to bind client sockets to ({@code --sources}): a comma-separated
 * list of addresses and ranges such as {@code 127.0.0.2-127.0.0.20}. Each source address has its
 * own ephemeral port range, so spreading sockets over several lifts the limit of about 28,000
 * connections from one address to one server port. Only 127.0.0.0/8 is accepted: the tool drives
 * servers on this machine only.
 */
final class SourceAddresses {

    private SourceAddresses() {
    }

    /** The addresses {@code spec} names, in order; {@code null} or empty gives the system's choice. */
    static List<String> parse(String spec) {
        List<String> addresses = new ArrayList<>();
        if (spec == null || spec.isBlank()) {
            addresses.add(null);
            return addresses;
        }
        for (String part : spec.split(",")) {
            String item = part.trim();
            int dash = item.indexOf('-');
            if (dash < 0) {
                addresses.add(loopback(item));
                continue;
            }
            String first = loopback(item.substring(0, dash));
            String last = loopback(item.substring(dash + 1));
            String prefix = first.substring(0, first.lastIndexOf('.') + 1);
            if (!last.startsWith(prefix)) {
                throw new IllegalArgumentException("a --sources range varies in the last byte only: " + item);
            }
            int from = Integer.parseInt(first.substring(prefix.length()));
            int to = Integer.parseInt(last.substring(prefix.length()));
            if (to < from) {
                throw new IllegalArgumentException("empty --sources range " + item);
            }
            for (int i = from; i <= to; i++) {
                addresses.add(prefix + i);
            }
        }
        return addresses;
    }

    /** The addresses of {@code spec} that child {@code index} of {@code count} processes uses. */
    static String share(String spec, int index, int count) {
        List<String> all = parse(spec);
        if (all.size() < count) {
            return spec;
        }
        List<String> mine = new ArrayList<>();
        for (int i = index; i < all.size(); i += count) {
            mine.add(all.get(i));
        }
        return String.join(",", mine);
    }

    private static String loopback(String text) {
        try {
            InetAddress address = InetAddress.getByName(text.trim());
            if (!address.isLoopbackAddress() || address.getAddress().length != 4) {
                throw new IllegalArgumentException("--sources takes IPv4 loopback addresses, not " + text);
            }
            return address.getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("--sources: not an address: " + text);
        }
    }
}
