/** Tests of {@code /metrics}, the node's MicroProfile Metrics in Prometheus text. */
package im.meerkat.testsuite.metrics;
