package im.meerkat.testsuite.xep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.testsuite.harness.Clients;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.caps.EntityCapsManager;
import org.jivesoftware.smackx.caps.packet.CapsExtension;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The server's own entity capabilities (XEP-0115 §6.3) as Smack reads them from the stream
 * features, checked against the server's disco#info on {@code node#ver} (§6.2) with Smack's own
 * verification (§5.1).
 */
class ServerCapsIT {

    @RegisterExtension
    final Clients clients = Clients.onSharedNode();

    @Test
    void theStreamFeaturesCarryTheVerOfTheServersDiscoInfo() throws Exception {
        XMPPTCPConnection c = clients.connect(clients.newAccount("alice"), "desk");
        CapsExtension caps = c.getFeature(CapsExtension.class);
        assertNotNull(caps, "no <c/> in the stream features");
        assertEquals("sha-1", caps.getHash());
        DiscoverInfo info = ServiceDiscoveryManager.getInstanceFor(c)
                .discoverInfo(c.getXMPPServiceDomain(), caps.getNode() + "#" + caps.getVer());
        assertTrue(info.hasIdentity("server", "im"), info::toString);
        assertTrue(EntityCapsManager.verifyDiscoverInfoVersion(caps.getVer(), caps.getHash(),
                info), () -> caps.getVer() + " does not match " + info);
    }
}
