package im.meerkat.testsuite.xep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.testsuite.harness.Clients;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.bytestreams.BytestreamSession;
import org.jivesoftware.smackx.bytestreams.socks5.Socks5BytestreamManager;
import org.jivesoftware.smackx.bytestreams.socks5.Socks5BytestreamSession;
import org.jivesoftware.smackx.bytestreams.socks5.Socks5Utils;
import org.jivesoftware.smackx.bytestreams.socks5.packet.Bytestream;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.DomainBareJid;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;

/**
 * SOCKS5 Bytestreams (XEP-0065) through the server's proxy: found and used by Smack's
 * Socks5BytestreamManager, and the proxy's answers to activations and SOCKS5 clients that break
 * the rules.
 */
class BytestreamsIT {

    @RegisterExtension
    final Clients clients = Clients.onSharedNode();

    private DomainBareJid proxy() throws Exception {
        return JidCreate.domainBareFrom("proxy." + clients.node().domain());
    }

    private int proxyPort() {
        return clients.node().config().proxy65Port();
    }

    @Test
    void theServerOffersItsProxy() throws Exception {
        XMPPTCPConnection alice = clients.connect(clients.newAccount("alice"), "desk");
        // §4: the initiator finds proxies among the server's items, by their identity
        assertEquals(List.of(proxy()),
                Socks5BytestreamManager.getBytestreamManager(alice).determineProxies());
        assertTrue(ServiceDiscoveryManager.getInstanceFor(alice).supportsFeature(proxy(),
                Bytestream.NAMESPACE));
        // §6.3.1: its network address
        Bytestream request = new Bytestream();
        request.setType(IQ.Type.get);
        request.setTo(proxy());
        Bytestream reply = alice.sendIqRequestAndWaitForResponse(request);
        Bytestream.StreamHost host = reply.getStreamHosts().get(0);
        assertEquals(proxy(), host.getJID());
        assertEquals("127.0.0.1", host.getAddress().toString());
        assertEquals(proxyPort(), host.getPort());
    }

    @Test
    void aMebibyteCrossesTheProxyUnchanged() throws Exception {
        XMPPTCPConnection alice = clients.connect(clients.newAccount("alice"), "desk");
        XMPPTCPConnection bob = clients.connect(clients.newAccount("bob"), "desk");
        Socks5BytestreamManager sender = Socks5BytestreamManager.getBytestreamManager(alice);
        sender.setAnnounceLocalStreamHost(false); // only the server's proxy can carry it
        Socks5BytestreamManager receiver = Socks5BytestreamManager.getBytestreamManager(bob);
        receiver.setAnnounceLocalStreamHost(false);
        CompletableFuture<byte[]> received = new CompletableFuture<>();
        receiver.addIncomingBytestreamListener(request -> {
            try {
                BytestreamSession session = request.accept();
                try (InputStream in = session.getInputStream()) {
                    received.complete(in.readAllBytes());
                }
                session.close();
            } catch (Exception e) {
                received.completeExceptionally(e);
            }
        });

        byte[] file = new byte[1024 * 1024];
        new Random(65).nextBytes(file);
        Socks5BytestreamSession session = sender.establishSession(bob.getUser());
        assertTrue(session.isMediated(), "through the proxy");
        try (OutputStream out = session.getOutputStream()) {
            out.write(file);
        }
        assertArrayEquals(file, received.get(120, TimeUnit.SECONDS));
    }

    @Test
    void onlyTheInitiatorActivatesAStreamAndOnlyOnceBothPartiesAreThere() throws Exception {
        XMPPTCPConnection alice = clients.connect(clients.newAccount("alice"), "desk");
        XMPPTCPConnection bob = clients.connect(clients.newAccount("bob"), "desk");
        String sid = "s" + System.nanoTime();
        String hash = Socks5Utils.createDigest(sid, alice.getUser(), bob.getUser());

        // §6.3.3: no such stream
        assertEquals(StanzaError.Condition.item_not_found,
                activate(alice, "unknown" + sid, bob.getUser()));
        try (Socket target = party(hash)) {
            // only one party connected
            assertEquals(StanzaError.Condition.not_allowed, activate(alice, sid, bob.getUser()));
            try (Socket initiator = party(hash)) {
                // the target is not the initiator: its hash names no stream
                assertEquals(StanzaError.Condition.item_not_found,
                        activate(bob, sid, bob.getUser()));
                assertEquals(StanzaError.Condition.item_not_found,
                        activate(bob, sid, alice.getUser()));
                // a byte sent before the activation waits for it
                initiator.getOutputStream().write(1);
                alice.sendIqRequestAndWaitForResponse(activation(sid, bob.getUser()));
                assertEquals(1, target.getInputStream().read(), "relayed after activation");
                target.getOutputStream().write(2);
                assertEquals(2, initiator.getInputStream().read());
                assertEquals(StanzaError.Condition.not_allowed,
                        activate(alice, sid, bob.getUser()), "active already");
            }
        }
    }

    @Test
    void brokenSocks5ClientsAreRefusedAndClosed() throws Exception {
        String hash = Socks5Utils.createDigest("s" + System.nanoTime(),
                JidCreate.from("a@x/1"), JidCreate.from("b@x/2"));
        try (Socket waiting = party(hash)) {
            try (Socket wrongVersion = raw()) {
                wrongVersion.getOutputStream().write(new byte[] {4, 1, 0});
                // RFC 1928 §3: no acceptable methods, then the close
                assertArrayEquals(new byte[] {5, (byte) 0xFF},
                        wrongVersion.getInputStream().readAllBytes());
            }
            try (Socket bind = raw()) {
                bind.getOutputStream().write(new byte[] {5, 1, 0});
                assertArrayEquals(new byte[] {5, 0}, read(bind, 2));
                bind.getOutputStream().write(request(2, hash));
                byte[] reply = bind.getInputStream().readAllBytes();
                assertEquals(10, reply.length);
                assertEquals(7, reply[1], "RFC 1928 §6: command not supported");
            }
            // the stream that waited is unaffected: its partner still pairs with it
            try (Socket partner = party(hash)) {
                assertTrue(waiting.isConnected() && partner.isConnected());
            }
        }
        // and XMPP file transfer still works
        aMebibyteCrossesTheProxyUnchanged();
    }

    private Bytestream activation(String sid, Jid target) throws Exception {
        Bytestream activate = new Bytestream(sid);
        activate.setType(IQ.Type.set);
        activate.setTo(proxy());
        activate.setToActivate(target);
        return activate;
    }

    private StanzaError.Condition activate(XMPPTCPConnection from, String sid, Jid target)
            throws Exception {
        XMPPErrorException e = assertThrows(XMPPErrorException.class,
                () -> from.sendIqRequestAndWaitForResponse(activation(sid, target)));
        return e.getStanzaError().getCondition();
    }

    private Socket raw() throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", proxyPort()), 10_000);
        s.setSoTimeout(60_000);
        return s;
    }

    /** A SOCKS5 connection to the proxy for {@code hash} (XEP-0065 §6.3.2). */
    private Socket party(String hash) throws IOException {
        Socket s = raw();
        s.getOutputStream().write(new byte[] {5, 1, 0});
        assertArrayEquals(new byte[] {5, 0}, read(s, 2));
        s.getOutputStream().write(request(1, hash));
        assertArrayEquals(request(0, hash), read(s, 7 + hash.length()));
        return s;
    }

    private static byte[] request(int command, String hash) {
        byte[] address = hash.getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocate(7 + address.length).put((byte) 5).put((byte) command)
                .put((byte) 0).put((byte) 3).put((byte) address.length).put(address)
                .putShort((short) 0).array();
    }

    private static byte[] read(Socket s, int n) throws IOException {
        byte[] bytes = new byte[n];
        new DataInputStream(s.getInputStream()).readFully(bytes);
        return bytes;
    }
}
