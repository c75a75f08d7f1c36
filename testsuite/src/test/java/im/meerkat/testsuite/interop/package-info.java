/**
 * Interoperability: Smack's integration test framework ({@code smack-integration-test}) run
 * against a node of the suite, with accounts created through XEP-0133 service administration.
 * See docs/INTEROP.md.
 */
package im.meerkat.testsuite.interop;
