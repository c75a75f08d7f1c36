/** In-Band Registration, XEP-0077, for authenticated users: password change and cancellation. */
package im.meerkat.server.register;
