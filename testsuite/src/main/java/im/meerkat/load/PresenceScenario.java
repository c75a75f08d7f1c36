package im.meerkat.load;

import im.meerkat.xmpp.xml.Element;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code presence}: login of a user whose roster holds {@code --contacts} contacts, all online and
 * subscribed both ways. The run logs the contacts in (each sends initial presence and accepts
 * subscription requests), gives each of {@code --users} users the whole set of contacts as a
 * mutual subscription (RFC 6121 §3: the user pre-approves, asks, and the contact asks back; kept
 * from one run to the next), then logs each user in {@code --rounds} times, one login at a time,
 * and measures from the TCP connect to the roster result (RFC 6121 §2.2) and to the available
 * presence of every contact (§4.2.2: the server probes the contacts on initial presence).
 */
final class PresenceScenario {

    private static final String PASSWORD = "load-test-password";
    private static final String ROSTER = "jabber:iq:roster";
    static final int MAX_CONTACTS = 1000;

    private PresenceScenario() {
    }

    static void run(Options options) throws Exception {
        int users = options.number("users", 10);
        int contacts = options.number("contacts", 100);
        int rounds = options.number("rounds", 3);
        int concurrency = options.number("concurrency", 16);
        String prefix = options.text("prefix", "pres");
        XmppClient.Mechanism mechanism = XmppClient.Mechanism.valueOf(options.text("mechanism", "PLAIN"));
        if (users < 1 || users > 1000 || contacts < 1 || contacts > MAX_CONTACTS || rounds < 1 || rounds > 100) {
            throw new IllegalArgumentException("--users 1..1000, --contacts 1.." + MAX_CONTACTS + ", --rounds 1..100");
        }
        XmppClient.Target target = options.target();
        AdminApi admin = options.adminApi();
        IdleScenario.forEach(users + contacts, concurrency, i -> admin.ensureUser(target.domain(),
                i < users ? prefix + "u" + i : prefix + "c" + (i - users), PASSWORD));

        List<XmppClient> online = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> readers = new ArrayList<>();
        try {
            IdleScenario.forEach(contacts, concurrency, j -> {
                XmppClient c = XmppClient.login(target, null, prefix + "c" + j, PASSWORD, mechanism, "load");
                c.send("<presence/>");
                online.add(c);
            });
            for (XmppClient c : online) {
                Thread reader = new Thread(() -> acceptSubscriptions(c, stop), "contact-" + c.jid());
                reader.setDaemon(true);
                reader.start();
                readers.add(reader);
            }
            System.out.printf("presence: %d contacts online%n", contacts);
            for (int i = 0; i < users; i++) {
                subscribe(target, prefix + "u" + i, prefix, contacts, mechanism);
            }
            System.out.printf("presence: %d users with %d contacts subscribed both ways%n", users, contacts);

            long[] rosterTimes = new long[users * rounds];
            long[] presenceTimes = new long[users * rounds];
            int n = 0;
            for (int r = 0; r < rounds; r++) {
                for (int i = 0; i < users; i++) {
                    long[] times = login(target, prefix + "u" + i, mechanism, "r" + r, contacts);
                    rosterTimes[n] = times[0];
                    presenceTimes[n++] = times[1];
                }
            }
            System.out.printf("login to roster (%d items), %d logins: %s%n", contacts, n,
                    new Percentiles(rosterTimes).table());
            System.out.printf("login to the presence of all %d contacts, %d logins: %s%n", contacts, n,
                    new Percentiles(presenceTimes).table());
        } finally {
            stop.set(true);
            online.forEach(XmppClient::close);
        }
    }

    /** One measured login: nanoseconds to the roster result and to the last contact's presence. */
    private static long[] login(XmppClient.Target target, String user, XmppClient.Mechanism mechanism,
            String resource, int contacts) throws IOException {
        long start = System.nanoTime();
        try (XmppClient client = XmppClient.login(target, null, user, PASSWORD, mechanism, resource)) {
            client.send("<iq type='get' id='roster'><query xmlns='" + ROSTER + "'/></iq>");
            client.send("<presence/>");
            long roster = -1;
            Set<String> available = new HashSet<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (roster < 0 || available.size() < contacts) {
                int left = (int) TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                Element e = left <= 0 ? null : client.next(left);
                if (e == null) {
                    throw new IOException(user + ": after 30 s, roster " + (roster >= 0) + ", presence of "
                            + available.size() + " of " + contacts + " contacts");
                }
                if (e.localName().equals("iq") && "roster".equals(e.attribute("id"))) {
                    roster = System.nanoTime() - start;
                } else if (e.localName().equals("presence") && e.attribute("type") == null
                        && e.attribute("from") != null && !e.attribute("from").startsWith(user + "@")) {
                    available.add(bare(e.attribute("from")));
                }
            }
            return new long[] {roster, System.nanoTime() - start};
        }
    }

    /** Makes {@code user} and every contact subscribed both ways, unless the roster already says so. */
    private static void subscribe(XmppClient.Target target, String user, String prefix, int contacts,
            XmppClient.Mechanism mechanism) throws IOException, InterruptedException {
        try (XmppClient client = XmppClient.login(target, null, user, PASSWORD, mechanism, "setup")) {
            if (bothWays(client, prefix, contacts) == contacts) {
                return;
            }
            for (int j = 0; j < contacts; j++) {
                String contact = prefix + "c" + j + "@" + target.domain();
                // pre-approval (RFC 6121 §3.4), then the user's own request
                client.send("<presence to='" + contact + "' type='subscribed'/>");
                client.send("<presence to='" + contact + "' type='subscribe'/>");
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            int both;
            while ((both = bothWays(client, prefix, contacts)) < contacts) {
                if (System.nanoTime() > deadline) {
                    throw new IOException(user + ": " + both + " of " + contacts + " contacts subscribed both ways");
                }
                Thread.sleep(500);
            }
        }
    }

    /** How many of the contacts the user's roster lists with subscription both. */
    private static int bothWays(XmppClient client, String prefix, int contacts) throws IOException {
        client.send("<iq type='get' id='count'><query xmlns='" + ROSTER + "'/></iq>");
        while (true) {
            Element e = client.next(30_000);
            if (e == null) {
                throw new IOException("no roster for " + client.jid());
            }
            if (e.localName().equals("iq") && "count".equals(e.attribute("id"))) {
                int both = 0;
                for (Element query : e.elements()) {
                    for (Element item : query.elements()) {
                        String jid = item.attribute("jid");
                        if ("both".equals(item.attribute("subscription")) && jid != null
                                && jid.startsWith(prefix + "c")) {
                            both++;
                        }
                    }
                }
                return Math.min(both, contacts);
            }
        }
    }

    /** A contact: approves every subscription request and asks back once (RFC 6121 §3.1). */
    private static void acceptSubscriptions(XmppClient contact, AtomicBoolean stop) {
        Set<String> asked = new HashSet<>();
        try {
            while (!stop.get()) {
                Element e = contact.next(200);
                if (e == null) {
                    if (contact.closed()) {
                        return;
                    }
                    continue;
                }
                if (e.localName().equals("presence") && "subscribe".equals(e.attribute("type"))) {
                    String from = bare(e.attribute("from"));
                    contact.send("<presence to='" + from + "' type='subscribed'/>");
                    if (asked.add(from)) {
                        contact.send("<presence to='" + from + "' type='subscribe'/>");
                    }
                }
            }
        } catch (IOException e) {
            if (!stop.get()) {
                System.out.println(contact.jid() + ": " + e.getMessage());
            }
        }
    }

    static String bare(String jid) {
        int slash = jid.indexOf('/');
        return slash < 0 ? jid : jid.substring(0, slash);
    }
}
