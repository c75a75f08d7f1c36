/** Service Discovery, XEP-0030, of the server: identity, features and items. */
package im.meerkat.server.disco;
