package im.meerkat.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code --sources}: lists and ranges of loopback addresses, shared out among load processes. */
class SourceAddressesTest {

    @Test
    void rangesAndListsExpandInOrder() {
        assertEquals(List.of("127.0.0.2", "127.0.0.3", "127.0.0.4", "127.0.0.9"),
                SourceAddresses.parse("127.0.0.2-127.0.0.4,127.0.0.9"));
    }

    @Test
    void noSpecLeavesTheChoiceToTheSystem() {
        assertEquals(Arrays.asList((String) null), SourceAddresses.parse(null));
    }

    @Test
    void onlyLoopbackAndOnlyTheLastByteMayVary() {
        assertThrows(IllegalArgumentException.class, () -> SourceAddresses.parse("10.0.0.1"));
        assertThrows(IllegalArgumentException.class, () -> SourceAddresses.parse("127.0.0.2-127.0.1.2"));
        assertThrows(IllegalArgumentException.class, () -> SourceAddresses.parse("127.0.0.5-127.0.0.2"));
    }

    @Test
    void eachProcessGetsEveryKthAddressOrAllWhenTooFew() {
        assertEquals("127.0.0.3,127.0.0.5", SourceAddresses.share("127.0.0.2-127.0.0.5", 1, 2));
        assertEquals("127.0.0.2", SourceAddresses.share("127.0.0.2", 1, 2));
    }
}
