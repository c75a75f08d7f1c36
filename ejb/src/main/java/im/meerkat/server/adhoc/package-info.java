/**
 * Ad-hoc commands (XEP-0050) carrying the Service Administration commands of XEP-0133, with the
 * data forms (XEP-0004) they use.
 */
package im.meerkat.server.adhoc;
