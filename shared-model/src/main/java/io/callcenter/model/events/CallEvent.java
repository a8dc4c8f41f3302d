package io.callcenter.model.events;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.callcenter.model.ContractRecord;

/**
 * Everything that happens to a call, on {@link io.callcenter.model.Topics#CALL_EVENTS}, keyed by callId.
 * The lifecycle is ringing ({@link IncomingCall}) → connected ({@link CallAnswered}) → ended ({@link CallEnded}),
 * or ringing → ended; a command that could not be applied yields {@link CommandRejected}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.SIMPLE_NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(IncomingCall.class),
        @JsonSubTypes.Type(CallAnswered.class),
        @JsonSubTypes.Type(CallEnded.class),
        @JsonSubTypes.Type(CommandRejected.class)})
public sealed interface CallEvent extends ContractRecord permits IncomingCall, CallAnswered, CallEnded, CommandRejected {

    String callId();
}
