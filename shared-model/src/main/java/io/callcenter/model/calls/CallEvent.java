package io.callcenter.model.calls;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.callcenter.model.ContractRecord;

/**
 * Everything that happens to a call, version 2, keyed by callId: ringing ({@link CallStarted}) → connected
 * ({@link CallAnswered}) → ended ({@link CallEnded}), or ringing → ended; a command that could not be applied yields
 * {@link CommandRejected}. The same facts, in the same order and transaction, as the v1 records of
 * {@link io.callcenter.model.events.CallEvent}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.SIMPLE_NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(CallStarted.class),
        @JsonSubTypes.Type(CallAnswered.class),
        @JsonSubTypes.Type(CallEnded.class),
        @JsonSubTypes.Type(CommandRejected.class)})
public sealed interface CallEvent extends ContractRecord
        permits CallStarted, CallAnswered, CallEnded, CommandRejected {

    /** The schema version of every record on {@code callcenter.call-events.v2}. */
    int VERSION = 2;

    String callId();
}
