/** Accounts stored through JPA with SCRAM salted keys only (RFC 5802, RFC 7677). */
package im.meerkat.server.account;
