package io.callcenter.model.stats;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.callcenter.model.ContractRecord;

/**
 * What call-stats publishes on {@link io.callcenter.model.Topics#CALL_STATS}, keyed by {@link #scope()} (today the one
 * scope {@value CallCenterStatsUpdated#SCOPE_CALL_CENTER}: every call and every agent).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.SIMPLE_NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({@JsonSubTypes.Type(CallCenterStatsUpdated.class)})
public sealed interface CallStatsEvent extends ContractRecord permits CallCenterStatsUpdated {

    String scope();
}
