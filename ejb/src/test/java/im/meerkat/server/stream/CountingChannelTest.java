package im.meerkat.server.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import im.meerkat.server.metrics.ServerMetrics;
import im.meerkat.xmpp.error.StreamError;
import im.meerkat.xmpp.xml.Element;
import im.meerkat.xmpp.xml.Namespaces;
import im.meerkat.xmpp.xml.XmlName;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Stanzas written through a stream's channel are counted once, and only when written. */
class CountingChannelTest {

    private static final Element MESSAGE = Element.empty(XmlName.of(Namespaces.CLIENT, "message"));

    /** Records what reaches it. */
    private static final class Recording extends ServerMetrics {
        final List<Element> out = new ArrayList<>();

        @Override
        public void stanzaOut(Element element) {
            out.add(element);
        }
    }

    private static StreamChannel channel(boolean open) {
        return new StreamChannel() {
            @Override
            public ChannelId id() {
                return new ChannelId("node1", "c1");
            }

            @Override
            public String transport() {
                return "tcp";
            }

            @Override
            public InetSocketAddress remote() {
                return null;
            }

            @Override
            public boolean send(Element element) {
                return open;
            }

            @Override
            public void close(StreamError error) {
            }
        };
    }

    @Test
    void aWrittenStanzaIsCountedAndTheChannelKeepsItsIdentityForOthers() {
        Recording metrics = new Recording();
        CountingChannel counting = new CountingChannel(channel(true), metrics);
        counting.send(MESSAGE);
        assertEquals(List.of(MESSAGE), metrics.out);
        assertEquals(new ChannelId("node1", "c1"), counting.id());
        assertEquals("tcp", counting.transport());
    }

    @Test
    void anElementForAStreamThatIsGoneIsNotCounted() {
        Recording metrics = new Recording();
        assertFalse(new CountingChannel(channel(false), metrics).send(MESSAGE));
        assertEquals(List.of(), metrics.out);
    }
}
