/**
 * Server metrics (MicroProfile Metrics 5.1, implemented by SmallRye Metrics in the EAR's
 * {@code lib/}): what the node counts on its hot paths, exposed as Prometheus text by the WAR's
 * {@code /metrics}. See {@code docs/METRICS.md} for the names.
 */
package im.meerkat.server.metrics;
