package io.callcenter.model.crm;

import java.util.Map;

/** Payload the CRM emits as {@code join_call_center}. {@code clientInfo} is free-form and only logged. */
public record JoinCallCenter(String userType, String userId, Map<String, Object> clientInfo) {

    public static final String EVENT = "join_call_center";
}
