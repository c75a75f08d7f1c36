package im.meerkat.testsuite.xep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.testsuite.harness.Clients;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Set;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jivesoftware.smackx.time.EntityTimeManager;
import org.jivesoftware.smackx.time.packet.Time;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Entity Time (XEP-0202) through Smack's {@link EntityTimeManager}, and the disco features. */
class EntityTimeIT {

    @RegisterExtension
    final Clients clients = Clients.onSharedNode();

    @Test
    void theServerTellsItsTime() throws Exception { // XEP-0202 §4
        XMPPTCPConnection alice = clients.connect(clients.newAccount("alice"), "desk");
        EntityTimeManager manager = EntityTimeManager.getInstanceFor(alice);
        Instant before = Instant.now();
        Time time = manager.getTime(alice.getXMPPServiceDomain());
        Instant after = Instant.now();
        assertNotNull(time, "urn:xmpp:time is advertised and answered");
        Instant utc = Instant.parse(time.getUtc());
        // Same machine, same clock: the answer lies between request and reply, give or take.
        assertTrue(!utc.isBefore(before.minusSeconds(2)) && !utc.isAfter(after.plusSeconds(2)),
                utc + " not within " + before + " .. " + after);
        // The node runs in this JVM's environment, so its zone is ours.
        ZoneOffset expected = ZoneId.systemDefault().getRules().getOffset(utc);
        assertEquals(expected, ZoneOffset.of(time.getTzo()));
        assertTrue(Duration.between(before, after).toSeconds() < 10);
    }

    @Test
    void theServerAdvertisesTheNewFeatures() throws Exception { // XEP-0030 §3.1
        XMPPTCPConnection alice = clients.connect(clients.newAccount("alice"), "desk");
        DiscoverInfo info = ServiceDiscoveryManager.getInstanceFor(alice)
                .discoverInfo(alice.getXMPPServiceDomain());
        for (String feature : Set.of("vcard-temp", "jabber:iq:private", "jabber:iq:last",
                "urn:xmpp:time")) {
            assertTrue(info.containsFeature(feature), feature + " in " + info.toXML());
        }
    }
}
