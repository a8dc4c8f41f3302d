package io.callcenter.testing.archfixture.layered.b;

import io.callcenter.model.Topics;

/** Uses the contract, which every service may. */
public class Callee {
    public String topic() {
        return Topics.CALL_EVENTS;
    }
}
