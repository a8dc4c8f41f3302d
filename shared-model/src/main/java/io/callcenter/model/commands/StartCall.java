package io.callcenter.model.commands;

import io.callcenter.model.RequestedBy;
import io.callcenter.model.crm.AgentInfo;
import io.callcenter.model.crm.CustomerInfo;

import java.time.Instant;
import java.util.UUID;

/**
 * The VoiceBot reported a new call, already enriched with the caller's customer record and a suggested agent
 * (each null when unknown). Starting a callId that already exists changes nothing.
 */
public record StartCall(UUID eventId, Instant occurredAt, int schemaVersion, String callId, String callerNumber,
                        String calledNumber, String source, CustomerInfo customerInfo, AgentInfo suggestedAgent,
                        RequestedBy requestedBy) implements CallCommand {
}
