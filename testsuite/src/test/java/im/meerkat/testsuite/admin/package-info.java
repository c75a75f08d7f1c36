/**
 * Administration against a running node: {@code bin/meerkatctl} (docs/ADMIN.md), XEP-0133
 * service administration over XEP-0050 ad-hoc commands, XEP-0077 in-band registration, and the
 * launcher {@code bin/meerkat}.
 */
package im.meerkat.testsuite.admin;
