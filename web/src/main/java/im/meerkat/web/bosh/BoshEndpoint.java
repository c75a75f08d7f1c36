package im.meerkat.web.bosh;

/**
 * This node's BOSH endpoint as the other nodes of the cluster reach it: the context of the
 * {@code meerkat-bosh} command dispatcher.
 *
 * @param url {@code http://host:port/http-bind}
 */
record BoshEndpoint(String url) {
}
