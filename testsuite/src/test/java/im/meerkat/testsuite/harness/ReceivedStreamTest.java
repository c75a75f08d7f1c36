package im.meerkat.testsuite.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Reading what a server sent, complete or cut off, by namespace rather than prefix. */
class ReceivedStreamTest {

    private static final String HEADER = "<?xml version='1.0'?><stream:stream from='localhost'"
            + " id='s1' version='1.0' xmlns='jabber:client'"
            + " xmlns:stream='http://etherx.jabber.org/streams'>";

    @Test
    void streamErrorAndClose() {
        ReceivedStream stream = ReceivedStream.parse(HEADER + "<stream:error>"
                + "<restricted-xml xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>"
                + "<text xmlns='urn:ietf:params:xml:ns:xmpp-streams'>no DTD</text>"
                + "</stream:error></stream:stream>");
        assertTrue(stream.opened());
        assertEquals("s1", stream.header().get("id"));
        assertEquals(Optional.of("restricted-xml"), stream.streamError());
        assertTrue(stream.closed());
    }

    @Test
    void otherPrefixSameNamespace() {
        ReceivedStream stream = ReceivedStream.parse("<s:stream xmlns:s='http://etherx.jabber.org/"
                + "streams' xmlns='jabber:client'><s:error><host-unknown xmlns='urn:ietf:params:"
                + "xml:ns:xmpp-streams'/></s:error>");
        assertEquals(Optional.of("host-unknown"), stream.streamError());
        assertFalse(stream.closed());
    }

    @Test
    void elementCutOffIsNotThereYet() {
        ReceivedStream stream = ReceivedStream.parse(HEADER + "<stream:features><starttls xmlns="
                + "'urn:ietf:params:xml:ns:xmpp-tls'/></stream:features><message to='a@b'><bo");
        assertTrue(stream.features().flatMap(f -> f.child(RawXmppClient.TLS_NS, "starttls"))
                .isPresent());
        assertEquals(1, stream.elements().size());
        assertTrue(stream.streamError().isEmpty());
    }

    @Test
    void nothingYet() {
        ReceivedStream stream = ReceivedStream.parse("<?xml vers");
        assertFalse(stream.opened());
        assertTrue(stream.elements().isEmpty());
    }

    @Test
    void errorInAnotherNamespaceIsNoStreamError() {
        ReceivedStream stream = ReceivedStream.parse(HEADER + "<error xmlns='urn:example'>"
                + "<conflict xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></error>");
        assertTrue(stream.streamError().isEmpty());
    }
}
