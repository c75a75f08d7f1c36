/**
 * Administration of users and sessions, as the admin REST API, {@code bin/meerkatctl} and the
 * XEP-0133 ad-hoc commands use it.
 */
package im.meerkat.server.admin;
