package im.meerkat.testsuite.c2s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.testsuite.harness.Clients;
import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jivesoftware.smackx.iqversion.VersionManager;
import org.jivesoftware.smackx.iqversion.packet.Version;
import org.jivesoftware.smackx.ping.packet.Ping;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.DomainBareJid;

/**
 * What the server itself answers: service discovery (XEP-0030), ping (XEP-0199), software
 * version (XEP-0092), and an IQ in a namespace it does not know (RFC 6120 §8.4).
 */
class ServerIqIT {

    @RegisterExtension
    final Clients clients = Clients.onSharedNode();

    private XMPPTCPConnection connection;
    private DomainBareJid server;

    @BeforeEach
    void logIn() {
        connection = clients.connect(clients.newAccount("asker"), "desk");
        server = connection.getXMPPServiceDomain();
    }

    @Test
    void discoInfoOfTheDomain() throws Exception {
        DiscoverInfo info = ServiceDiscoveryManager.getInstanceFor(connection)
                .discoverInfo(server);
        // XEP-0030 §3.1: an IM server is identity server/im.
        assertTrue(info.hasIdentity("server", "im"), info.toXML().toString());
        for (String feature : new String[] {"http://jabber.org/protocol/disco#info",
                "urn:xmpp:ping", "jabber:iq:version"}) {
            assertTrue(info.containsFeature(feature), feature + " in " + info.toXML());
        }
    }

    @Test
    void pingOfTheServer() throws Exception {
        IQ pong = connection.sendIqRequestAndWaitForResponse(new Ping(server));
        // XEP-0199 §4.2: the answer is an empty result.
        assertEquals(IQ.Type.result, pong.getType());
        assertEquals(server, pong.getFrom());
    }

    @Test
    void versionOfTheServer() throws Exception {
        Version version = VersionManager.getInstanceFor(connection).getVersion(server);
        assertNotNull(version, "a jabber:iq:version answer");
        assertFalse(version.getName() == null || version.getName().isBlank(), "a name");
        assertFalse(version.getVersion() == null || version.getVersion().isBlank(), "a version");
    }

    @Test
    void unknownNamespaceGetIsServiceUnavailable() {
        assertUnknown(IQ.Type.get);
    }

    @Test
    void unknownNamespaceSetIsServiceUnavailable() {
        assertUnknown(IQ.Type.set);
    }

    private void assertUnknown(IQ.Type type) {
        UnknownQuery query = new UnknownQuery();
        query.setType(type);
        query.setTo(server);
        XMPPErrorException error = assertThrows(XMPPErrorException.class,
                () -> connection.sendIqRequestAndWaitForResponse(query));
        assertEquals(StanzaError.Condition.service_unavailable,
                error.getStanzaError().getCondition());
    }

    /** An IQ payload in a namespace no server implements. */
    private static final class UnknownQuery extends IQ {

        UnknownQuery() {
            super("query", "urn:example:meerkat-test:unknown");
        }

        @Override
        protected IQChildElementXmlStringBuilder getIQChildElementBuilder(
                IQChildElementXmlStringBuilder xml) {
            xml.setEmptyElement();
            return xml;
        }
    }
}
