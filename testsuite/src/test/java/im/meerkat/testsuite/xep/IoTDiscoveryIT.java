package im.meerkat.testsuite.xep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.testsuite.harness.Account;
import im.meerkat.testsuite.harness.Clients;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.iot.Thing;
import org.jivesoftware.smackx.iot.discovery.IoTClaimedException;
import org.jivesoftware.smackx.iot.discovery.IoTDiscoveryManager;
import org.jivesoftware.smackx.iot.discovery.ThingState;
import org.jivesoftware.smackx.iot.discovery.element.IoTClaimed;
import org.jivesoftware.smackx.iot.discovery.element.IoTMine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.Jid;

/** The thing registry of Internet of Things - Discovery (XEP-0347) through Smack's {@link IoTDiscoveryManager}. */
class IoTDiscoveryIT {

    private static final long WAIT_SECONDS = 10;

    @RegisterExtension
    final Clients clients = Clients.onSharedNode();

    private static Thing thing() {
        String unique = UUID.randomUUID().toString().substring(0, 12);
        return Thing.builder().setKey(unique).setSerialNumber("sn-" + unique)
                .setManufacturer("Meerkat").setModel("Test").setVersion("0.1").build();
    }

    /** Waits for a client's state to change after a request the server sent it. */
    private static void awaitThat(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "the client's state did not change");
            Thread.sleep(20);
        }
    }

    @Test
    void theRegistryIsFoundThroughServiceDiscovery() throws Exception { // §3.5
        XMPPTCPConnection alice = clients.connect(clients.newAccount("alice"), "desk");
        Jid registry = IoTDiscoveryManager.getInstanceFor(alice).findRegistry();
        assertEquals("registry." + alice.getXMPPServiceDomain(), registry.toString());
    }

    @Test
    void aThingIsRegisteredClaimedDisownedAndUnregistered() throws Exception {
        Account thingAccount = clients.newAccount("thing");
        Account ownerAccount = clients.newAccount("owner");
        XMPPTCPConnection thingConnection = clients.connect(thingAccount, "device");
        XMPPTCPConnection ownerConnection = clients.connect(ownerAccount, "phone");
        IoTDiscoveryManager things = IoTDiscoveryManager.getInstanceFor(thingConnection);
        IoTDiscoveryManager owners = IoTDiscoveryManager.getInstanceFor(ownerConnection);
        Jid registry = things.findRegistry();
        Thing thing = thing();
        ThingState state = things.registerThing(thing); // §3.6
        assertEquals(registry, state.getRegistry());

        IoTClaimed claimed = owners.claimThing(thing.getMetaTags()); // §3.9
        assertEquals(thingAccount.jid(), claimed.getJid());
        // the registry tells the thing with <claimed/>, which Smack takes only from its registry
        // (Smack's IQ request handlers hide requests from stanza listeners: the state shows it)
        awaitThat(() -> ownerAccount.jid().equals(state.getOwner()));

        // §3.7: a claimed thing that registers again learns its owner
        IoTClaimedException again = assertThrows(IoTClaimedException.class,
                () -> things.registerThing(thing));
        assertEquals(ownerAccount.jid(), again.getIoTClaimed().getJid().asBareJid());

        owners.disownThing(thingAccount.jid()); // §3.17
        awaitThat(() -> !state.isOwned()); // <disowned/>, taken only from the thing's registry

        things.unregister(); // §3.16
        XMPPErrorException gone = assertThrows(XMPPErrorException.class,
                () -> owners.claimThing(thing.getMetaTags()));
        assertEquals(StanzaError.Condition.item_not_found, gone.getStanzaError().getCondition());
    }

    @Test
    void aClaimedThingCannotBeClaimedAgainNorDisownedByAnother() throws Exception {
        XMPPTCPConnection thingConnection = clients.connect(clients.newAccount("thing"), "device");
        XMPPTCPConnection owner = clients.connect(clients.newAccount("owner"), "phone");
        XMPPTCPConnection other = clients.connect(clients.newAccount("other"), "phone");
        Thing thing = thing();
        IoTDiscoveryManager.getInstanceFor(thingConnection).registerThing(thing);
        IoTDiscoveryManager.getInstanceFor(owner).claimThing(thing.getMetaTags());

        XMPPErrorException taken = assertThrows(XMPPErrorException.class,
                () -> IoTDiscoveryManager.getInstanceFor(other).claimThing(thing.getMetaTags()));
        assertEquals(StanzaError.Condition.item_not_found, taken.getStanzaError().getCondition());
        XMPPErrorException notOwner = assertThrows(XMPPErrorException.class,
                () -> IoTDiscoveryManager.getInstanceFor(other)
                        .disownThing(thingConnection.getUser().asBareJid()));
        assertEquals(StanzaError.Condition.forbidden, notOwner.getStanzaError().getCondition());
    }

    @Test
    void aClaimWithoutMetaTagsIsABadRequest() throws Exception { // §5.2
        XMPPTCPConnection alice = clients.connect(clients.newAccount("alice"), "desk");
        IoTMine mine = new IoTMine(List.of(), true);
        mine.setTo(IoTDiscoveryManager.getInstanceFor(alice).findRegistry());
        XMPPErrorException refused = assertThrows(XMPPErrorException.class,
                () -> alice.sendIqRequestAndWaitForResponse(mine));
        assertEquals(StanzaError.Condition.bad_request, refused.getStanzaError().getCondition());
    }

    @Test
    void claimingUnknownMetaTagsFindsNoThing() throws Exception { // §3.9
        XMPPTCPConnection alice = clients.connect(clients.newAccount("alice"), "desk");
        XMPPErrorException refused = assertThrows(XMPPErrorException.class,
                () -> IoTDiscoveryManager.getInstanceFor(alice).claimThing(thing().getMetaTags()));
        assertEquals(StanzaError.Condition.item_not_found, refused.getStanzaError().getCondition());
    }
}
