package im.meerkat.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.xmpp.xml.Element;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The non-blocking client side of the load tools: {@link XmppClient#loginSelectable} negotiates
 * STARTTLS (RFC 6120 §5) over an {@code SSLEngine}, SASL PLAIN and binding against a scripted
 * server over real loopback sockets, and a {@link ReaderPool} of two threads then reads many
 * such clients: every stanza reaches its own client's listener, whole and in order, whether it
 * comes in one TLS record, split over several, or many to a record; the end of each stream is
 * reported once.
 */
class ReaderPoolTest {

    private static final int CLIENTS = 24;
    private static final int MESSAGES = 60;

    @TempDir
    Path dir;

    private SSLContext serverTls;
    private ServerSocket listener;
    private final List<Socket> accepted = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void serverWithSelfSignedCertificate() throws Exception {
        Path store = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=example.test", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", "secret", "-keypass", "secret")
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, keytool.waitFor(), output);
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, "secret".toCharArray());
        }
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(keys, "secret".toCharArray());
        serverTls = SSLContext.getInstance("TLS");
        serverTls.init(factory.getKeyManagers(), null, null);
        listener = new ServerSocket(0, 100, InetAddress.getLoopbackAddress());
    }

    @AfterEach
    void closeServer() throws IOException {
        listener.close();
        synchronized (accepted) {
            for (Socket socket : accepted) {
                socket.close();
            }
        }
    }

    @Test
    void everyStanzaReachesItsClientWholeAndInOrder() throws Exception {
        List<Session> sessions = new ArrayList<>();
        List<XmppClient> clients = new ArrayList<>();
        XmppClient.Target target = new XmppClient.Target(listener.getInetAddress().getHostAddress(),
                listener.getLocalPort(), "example.test", 30_000);
        for (int i = 0; i < CLIENTS; i++) {
            Session session = new Session("user" + i);
            Thread server = new Thread(session);
            server.start();
            clients.add(XmppClient.loginSelectable(target, null, "user" + i, "pw", XmppClient.Mechanism.PLAIN, "r"));
            server.join();
            sessions.add(session);
        }
        assertEquals("user3@example.test/r", clients.get(3).jid());

        Map<String, List<String>> received = new ConcurrentHashMap<>();
        Map<String, Integer> ends = new ConcurrentHashMap<>();
        List<IOException> failures = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch allEnded = new CountDownLatch(CLIENTS);
        try (ReaderPool pool = new ReaderPool(2, new ReaderPool.Listener() {
            @Override
            public void element(XmppClient client, Element element, long nanos) {
                received.computeIfAbsent(client.jid(), j -> Collections.synchronizedList(new ArrayList<>()))
                        .add(element.child("body").map(Element::text).orElse("?"));
            }

            @Override
            public void closed(XmppClient client, IOException cause) {
                if (cause != null) {
                    failures.add(cause);
                }
                ends.merge(client.jid(), 1, Integer::sum);
                allEnded.countDown();
            }
        })) {
            clients.forEach(pool::add);
            List<Thread> writers = new ArrayList<>();
            for (Session session : sessions) {
                Thread writer = new Thread(session::sendMessagesAndEnd);
                writer.start();
                writers.add(writer);
            }
            for (Thread writer : writers) {
                writer.join();
            }
            allEnded.await();
        }
        assertEquals(List.of(), failures);
        for (int i = 0; i < CLIENTS; i++) {
            String jid = "user" + i + "@example.test/r";
            assertEquals(Session.bodies("user" + i), received.get(jid), jid);
            assertEquals(1, ends.get(jid), jid);
            assertTrue(clients.get(i).closed());
        }
        clients.forEach(XmppClient::close);
    }

    /** The server's side of one client: accepts it, negotiates, then sends messages. */
    private final class Session implements Runnable {
        private final String user;
        private SSLSocket tls;
        private IOException failure;

        Session(String user) {
            this.user = user;
        }

        static List<String> bodies(String user) {
            List<String> bodies = new ArrayList<>();
            for (int k = 0; k < MESSAGES; k++) {
                // every tenth body is longer than a TLS record (16 KiB)
                bodies.add(user + "-" + k + (k % 10 == 9 ? "x".repeat(40_000) : ""));
            }
            return bodies;
        }

        @Override
        public void run() {
            try {
                Socket plain = listener.accept();
                accepted.add(plain);
                InputStream in = plain.getInputStream();
                OutputStream out = plain.getOutputStream();
                readUntil(in, "version='1.0'>");
                write(out, header() + "<stream:features><starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>"
                        + "</stream:features>");
                readUntil(in, "<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
                write(out, "<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
                tls = (SSLSocket) serverTls.getSocketFactory().createSocket(plain, null, plain.getPort(), true);
                tls.setUseClientMode(false);
                accepted.add(tls);
                in = tls.getInputStream();
                out = tls.getOutputStream();
                readUntil(in, "version='1.0'>");
                write(out, header() + "<stream:features><mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>"
                        + "<mechanism>PLAIN</mechanism></mechanisms></stream:features>");
                readUntil(in, "</auth>");
                write(out, "<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>");
                readUntil(in, "version='1.0'>");
                write(out, header() + "<stream:features><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/>"
                        + "</stream:features>");
                readUntil(in, "</iq>");
                write(out, "<iq type='result' id='bind'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><jid>"
                        + user + "@example.test/r</jid></bind></iq>");
            } catch (IOException e) {
                failure = e;
            }
        }

        /** Messages in records of every shape: several to a write, one split over two, long ones. */
        void sendMessagesAndEnd() {
            try {
                if (failure != null) {
                    throw failure;
                }
                OutputStream out = tls.getOutputStream();
                List<String> bodies = bodies(user);
                StringBuilder batch = new StringBuilder();
                for (int k = 0; k < bodies.size(); k++) {
                    String stanza = "<message type='chat' to='" + user + "@example.test/r'><body>" + bodies.get(k)
                            + "</body></message>";
                    if (k % 3 == 1) {
                        int half = stanza.length() / 2;
                        write(out, batch + stanza.substring(0, half));
                        write(out, stanza.substring(half));
                        batch.setLength(0);
                    } else {
                        batch.append(stanza);
                    }
                }
                write(out, batch + "</stream:stream>");
                tls.shutdownOutput();
            } catch (IOException e) {
                throw new IllegalStateException(user, e);
            }
        }

        private static String header() {
            return "<?xml version='1.0'?><stream:stream xmlns='jabber:client' "
                    + "xmlns:stream='http://etherx.jabber.org/streams' from='example.test' id='s' version='1.0'>";
        }

        private static void write(OutputStream out, String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        private static void readUntil(InputStream in, String end) throws IOException {
            ByteArrayOutputStream seen = new ByteArrayOutputStream();
            while (!seen.toString(StandardCharsets.UTF_8).endsWith(end)) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("client closed before " + end + ": " + seen);
                }
                seen.write(b);
            }
        }
    }
}
