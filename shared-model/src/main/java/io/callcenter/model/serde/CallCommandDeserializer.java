package io.callcenter.model.serde;

import io.callcenter.model.commands.CallCommand;

/** {@link EventDeserializer} for {@link io.callcenter.model.Topics#CALL_COMMANDS}, nameable in Kafka properties. */
public class CallCommandDeserializer extends EventDeserializer<CallCommand> {
    public CallCommandDeserializer() {
        super(CallCommand.class);
    }
}
