package im.meerkat.web.bosh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The node tag at the start of every sid: how any node finds the owner of a session. */
class BoshOwnersTest {

    @Test
    void theTagIsEightUrlSafeCharactersAndTheSameOnEveryNode() {
        String tag = BoshOwners.tag("node1");
        assertEquals(8, tag.length());
        assertTrue(tag.matches("[A-Za-z0-9_-]{8}"), tag);
        assertEquals(tag, BoshOwners.tag("node1"), "every node computes the same tag for a name");
    }

    @Test
    void differentNodesHaveDifferentTags() {
        assertNotEquals(BoshOwners.tag("node1"), BoshOwners.tag("node2"));
        assertNotEquals(BoshOwners.tag("node222"), BoshOwners.tag("node223"));
    }
}
