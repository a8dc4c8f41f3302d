/**
 * Version 2 of the call events, on {@link io.callcenter.model.Topics#CALL_EVENTS_V2}: what happened to a call as
 * domain data (numbers, agent, customer, instants, reasons, codes), with none of the guide's display texts or formats.
 * The gateway renders the guide's Socket.IO payloads from these records ({@link CallEventsV1#toV1}); call-ingest
 * writes both versions in one transaction while readers move from v1 (the README's migration note).
 */
package io.callcenter.model.calls;
