/**
 * Client-to-server tests over real sockets (RFC 6120, RFC 6121): logins, presence, messages,
 * routing rules, resource conflicts, server IQs, and the server's answers to bad input.
 */
package im.meerkat.testsuite.c2s;
