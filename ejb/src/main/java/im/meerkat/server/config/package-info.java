/** Typed server settings with defaults, read from system properties or the environment. */
package im.meerkat.server.config;
