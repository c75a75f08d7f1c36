/**
 * The harness of the integration tests: starting and stopping Meerkat nodes with
 * {@code bin/meerkat}, the test database, accounts through the admin REST API and
 * {@code bin/meerkatctl}, Smack clients that trust the node's own certificate, and a raw XMPP
 * client (RFC 6120) for input no well-behaved client sends.
 */
package im.meerkat.testsuite.harness;
