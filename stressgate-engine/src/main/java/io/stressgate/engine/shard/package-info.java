/**
 * One scenario over several agents: each shard's share of the load and its start, and the exact merge of the shards'
 * results into one run with one verdict.
 */
package io.stressgate.engine.shard;
