/**
 * Stream management (XEP-0198: acknowledgements and resumption) and client state indication
 * (XEP-0352), through Smack and on the wire with a raw client.
 */
package im.meerkat.testsuite.sm;
