package io.callcenter.model;

import java.time.Instant;
import java.util.UUID;

/** What every record on every topic carries: a unique id, when it happened (UTC) and the schema version it follows. */
public interface ContractRecord {
    int SCHEMA_VERSION = 1;

    UUID eventId();

    Instant occurredAt();

    int schemaVersion();
}
