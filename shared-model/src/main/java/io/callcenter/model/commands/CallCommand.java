package io.callcenter.model.commands;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.callcenter.model.ContractRecord;
import io.callcenter.model.RequestedBy;

/**
 * A request to change a call, on {@link io.callcenter.model.Topics#CALL_COMMANDS}, keyed by callId. call-ingest
 * applies them one at a time per call; each yields a {@link io.callcenter.model.events.CallEvent}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.SIMPLE_NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(StartCall.class),
        @JsonSubTypes.Type(AnswerCall.class),
        @JsonSubTypes.Type(EndCall.class)})
public sealed interface CallCommand extends ContractRecord permits StartCall, AnswerCall, EndCall {

    String callId();

    RequestedBy requestedBy();
}
