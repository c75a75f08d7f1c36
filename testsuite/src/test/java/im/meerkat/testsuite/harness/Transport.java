package im.meerkat.testsuite.harness;

/** How a test client reaches the node. */
public enum Transport {
    /** Port 5222+offset, plain TCP upgraded with STARTTLS, which the client requires. */
    STARTTLS,
    /** Port 5223+offset, TLS from the first byte (XEP-0368). */
    DIRECT_TLS
}
