/**
 * {@code /metrics}: the node's MicroProfile Metrics (base scope: JVM memory, GC, threads;
 * application scope: Meerkat's counters) in the Prometheus text exposition format 0.0.4.
 * See {@code docs/METRICS.md}.
 */
package im.meerkat.web.metrics;
