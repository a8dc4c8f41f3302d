/**
 * call-ingest: the VoiceBot's REST API and each call's lifecycle. {@code calls.CallController} takes a new call,
 * {@code lookup} finds its customer and a suggested agent, and a {@code StartCall} goes to call-commands; the Kafka
 * Streams topology ({@code calls.CallLifecycleTopology}) reads every command, lets answers through one agent seat
 * at a time ({@code calls.AgentSeatProcessor}), applies the lifecycle ({@code calls.CallLifecycleProcessor}:
 * ringing → connected → ended, timers included) and writes call-events exactly once. {@code agents} is the table of
 * agents the topology materialises from agent-events and the available agents, longest idle first, that new calls'
 * suggestions come from; {@code streams} the interactive queries on its stores, {@code security} the API key.
 */
package io.callcenter.ingest;
