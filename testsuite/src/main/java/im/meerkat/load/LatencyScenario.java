package im.meerkat.load;

import im.meerkat.xmpp.xml.Element;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code latency}: one user sends chat messages to another at a light, fixed rate; each body holds
 * the sender's {@link System#nanoTime()} (both clients share this JVM's clock), so the receiver
 * measures one-way latency through the server. Options: {@code --messages} (default 5000),
 * {@code --rate} per second (default 200), {@code --warmup} messages left out of the figures
 * (default 1000), {@code --peer-node} the node the receiver uses (default: the sender's, {@code
 * --node}), {@code --prefix} of the two users' names (default latency), {@code --transport} both
 * clients use ({@link Transport}). {@code --rate 0} sends as
 * fast as the transport takes the messages: the throughput figure. Also checks that every message
 * arrived once and in order.
 */
final class LatencyScenario {

    private static final String PASSWORD = "load-test-password";

    private LatencyScenario() {
    }

    static void run(Options options) throws Exception {
        int messages = options.number("messages", 5000);
        int rate = options.number("rate", 200);
        int warmup = options.number("warmup", 1000);
        XmppClient.Target target = options.target();
        // --peer-node M: the receiver logs in to node M of this machine, so that every message
        // crosses the cluster (architecture invariant 7); by default both use the same node
        int peer = options.number("peer-node", options.node());
        XmppClient.Target receiverTarget = peer == options.node() ? target
                : new XmppClient.Target(target.host(), target.port() + 100 * (peer - options.node()),
                        target.domain(), target.timeoutMillis());
        Transport transport = Transport.of(options);
        // --prefix: fresh users for a run, so that no message left over from an earlier run (stored
        // offline when it did not complete) reaches this run's receiver
        String prefix = options.text("prefix", "latency");
        AdminApi admin = options.adminApi();
        admin.ensureUser(target.domain(), prefix + "-a", PASSWORD);
        admin.ensureUser(target.domain(), prefix + "-b", PASSWORD);
        XmppClient.Mechanism plain = XmppClient.Mechanism.PLAIN;
        try (LoadClient sender = transport.login(options, target, null, prefix + "-a", PASSWORD, plain, "s");
             LoadClient receiver = transport.login(options, receiverTarget, null, prefix + "-b", PASSWORD, plain,
                     "r")) {
            sender.send("<presence xmlns='jabber:client'/>");
            receiver.send("<presence xmlns='jabber:client'/>");
            long[] samples = new long[messages - warmup];
            AtomicInteger received = new AtomicInteger();
            AtomicLong outOfOrder = new AtomicLong();
            CountDownLatch done = new CountDownLatch(1);
            AtomicLong lastReceived = new AtomicLong(System.nanoTime());
            Thread reader = new Thread(() -> receive(receiver, messages, warmup, samples, received, outOfOrder,
                    lastReceived, done),
                    "latency-receiver");
            reader.start();

            long interval = rate == 0 ? 0 : TimeUnit.SECONDS.toNanos(1) / rate;
            long next = System.nanoTime();
            long first = next;
            for (int i = 0; i < messages; i++) {
                while (System.nanoTime() < next) {
                    Thread.onSpinWait();
                }
                sender.send("<message xmlns='jabber:client' to='" + receiver.jid() + "' type='chat' id='m" + i + "'><body>" + i + " "
                        + System.nanoTime() + "</body></message>");
                next += interval;
            }
            long sent = System.nanoTime();
            boolean complete = done.await(30, TimeUnit.SECONDS);
            long last = lastReceived.get();
            reader.interrupt();
            System.out.printf("latency: %d messages at %s, %s, node %d to node %d, received %d, out of order %d%s%n",
                    messages, rate == 0 ? "full speed" : rate + "/s", transport, options.node(), peer, received.get(),
                    outOfOrder.get(), complete ? "" : " (INCOMPLETE)");
            System.out.printf("throughput: sent %.0f messages/s; received %.0f messages/s (first sent to last received)%n",
                    messages / ((sent - first) / 1e9), received.get() / ((last - first) / 1e9));
            long[] measured = java.util.Arrays.copyOf(samples, Math.max(0, received.get() - warmup));
            System.out.println("one-way: " + new Percentiles(measured).table());
        }
    }

    private static void receive(LoadClient receiver, int messages, int warmup, long[] samples,
            AtomicInteger received, AtomicLong outOfOrder, AtomicLong lastReceived, CountDownLatch done) {
        try {
            while (received.get() < messages) {
                Element element = receiver.next(30_000);
                if (element == null) {
                    return;
                }
                if (!element.localName().equals("message")) {
                    continue;
                }
                long now = System.nanoTime();
                lastReceived.set(now);
                String[] body = element.child("body").map(Element::text).orElse("").split(" ");
                int index = Integer.parseInt(body[0]);
                int expected = received.getAndIncrement();
                if (index != expected) {
                    outOfOrder.incrementAndGet();
                }
                if (expected >= warmup) {
                    samples[expected - warmup] = now - Long.parseLong(body[1]);
                }
            }
        } catch (Exception e) {
            System.out.println("receiver stopped: " + e.getMessage());
        } finally {
            done.countDown();
        }
    }
}
