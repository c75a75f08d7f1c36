package im.meerkat.load;

import im.meerkat.xmpp.xml.Element;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * {@code offline}: delivery of stored messages on login (XEP-0160). A sender sends
 * {@code --messages} chat messages to the bare JID of a user who is offline, then the user logs
 * in and sends initial presence; the run measures from the TCP connect until the last stored
 * message arrived, {@code --rounds} times. Stores are written asynchronously in batches, so the
 * run waits for the sender's IQ round trip and then {@code --settle} milliseconds before the login.
 */
final class OfflineScenario {

    private static final String PASSWORD = "load-test-password";

    private OfflineScenario() {
    }

    static void run(Options options) throws Exception {
        int messages = options.number("messages", 100);
        int rounds = options.number("rounds", 5);
        int settle = options.number("settle", 1000);
        String prefix = options.text("prefix", "offline");
        XmppClient.Mechanism mechanism = XmppClient.Mechanism.valueOf(options.text("mechanism", "PLAIN"));
        if (messages < 1 || messages > 10_000 || rounds < 1 || rounds > 100 || settle < 0 || settle > 60_000) {
            throw new IllegalArgumentException("--messages 1..10000, --rounds 1..100, --settle 0..60000 ms");
        }
        XmppClient.Target target = options.target();
        AdminApi admin = options.adminApi();
        admin.ensureUser(target.domain(), prefix + "-from", PASSWORD);
        admin.ensureUser(target.domain(), prefix + "-to", PASSWORD);
        String to = prefix + "-to@" + target.domain();
        long[] times = new long[rounds];
        try (XmppClient sender = XmppClient.login(target, null, prefix + "-from", PASSWORD, mechanism, "load")) {
            for (int r = 0; r < rounds; r++) {
                for (int k = 0; k < messages; k++) {
                    sender.send("<message to='" + to + "' type='chat' id='o" + r + "-" + k + "'><body>" + r + "-" + k
                            + "</body></message>");
                }
                sender.send("<iq type='get' id='sync" + r + "' to='" + target.domain()
                        + "'><ping xmlns='urn:xmpp:ping'/></iq>");
                while (true) {
                    Element e = sender.next(30_000);
                    if (e == null) {
                        throw new IOException("no answer to the sender's ping");
                    }
                    if (("sync" + r).equals(e.attribute("id"))) {
                        break;
                    }
                }
                Thread.sleep(settle);
                times[r] = receive(target, prefix, mechanism, r, messages);
                System.out.printf("round %d: %d stored messages delivered %.1f ms after the connect%n", r + 1,
                        messages, times[r] / 1e6);
            }
        }
        System.out.printf("offline delivery of %d messages, %d logins: %s%n", messages, rounds,
                new Percentiles(times).table());
    }

    private static long receive(XmppClient.Target target, String prefix, XmppClient.Mechanism mechanism, int round,
            int messages) throws IOException {
        long start = System.nanoTime();
        try (XmppClient client = XmppClient.login(target, null, prefix + "-to", PASSWORD, mechanism, "r" + round)) {
            client.send("<presence/>");
            int got = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (got < messages) {
                int left = (int) TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                Element e = left <= 0 ? null : client.next(left);
                if (e == null) {
                    throw new IOException("round " + round + ": " + got + " of " + messages
                            + " stored messages after 30 s");
                }
                if (e.localName().equals("message") && e.child("body").map(Element::text).orElse("")
                        .startsWith(round + "-")) {
                    got++;
                }
            }
            return System.nanoTime() - start;
        }
    }
}
