/**
 * Tests of a cluster of three nodes on one PostgreSQL database (architecture invariants 6 and
 * 7, docs/CLUSTER.md): delivery between nodes, the cluster's view of itself, and a node that
 * dies and comes back.
 */
package im.meerkat.testsuite.cluster;
