/**
 * The load and benchmark tool started by {@code bin/meerkat-load}: blocking XMPP clients over
 * STARTTLS with SASL PLAIN or SCRAM-SHA-256, scenarios that print figures for docs/BENCHMARKS.md.
 */
package im.meerkat.load;
