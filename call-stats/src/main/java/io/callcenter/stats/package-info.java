/**
 * call-stats: live contact-centre statistics. {@code figures.CallStatsTopology} reads call-events (keyed by callId)
 * into {@code figures.CallFactsProcessor}, which keeps each call's facts (offered, answered, ended and how) in the
 * changelogged store {@code call-facts} and emits one fact per step; those facts and every agent status change are
 * re-keyed to the one scope {@code call-center} and aggregated by {@code figures.StatsProcessor} into per-minute
 * buckets, the ringing calls and the agents' status timelines (changelogged stores), and published as
 * {@code CallCenterStatsUpdated} snapshots on {@code callcenter.call-stats.v1}, at most once per
 * {@code publish-interval} while anything changes. Exactly-once: stores, offsets and output commit together.
 */
package io.callcenter.stats;
