package io.callcenter.kit.kafka;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The internal-record serde round-trips a record, keeps tombstones and names the type it could not read. */
class JsonSerdeTest {
    record Seat(String agentId, Instant since, Long callCount) {
    }

    private final Serde<Seat> serde = JsonSerde.of(Seat.class);

    @Test
    void aRecordComesBackEqual() {
        Seat seat = new Seat("agent-7", Instant.parse("2024-05-01T08:03:00Z"), 3L);

        byte[] bytes = serde.serializer().serialize("t", seat);

        assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("\"since\":\"2024-05-01T08:03:00Z\"");
        assertThat(serde.deserializer().deserialize("t", bytes)).isEqualTo(seat);
    }

    @Test
    void nullStaysNullBothWays() {
        assertThat(serde.serializer().serialize("t", null)).isNull();
        assertThat(serde.deserializer().deserialize("t", null)).isNull();
    }

    @Test
    void unknownPropertiesAreIgnored() {
        byte[] newer = "{\"agentId\":\"a\",\"callCount\":1,\"added\":true}".getBytes(StandardCharsets.UTF_8);

        assertThat(serde.deserializer().deserialize("t", newer)).isEqualTo(new Seat("a", null, 1L));
    }

    @Test
    void unreadableBytesFailAsASerializationExceptionNamingTheType() {
        byte[] garbage = "{not json".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> serde.deserializer().deserialize("t", garbage))
                .isInstanceOf(SerializationException.class)
                .hasMessageStartingWith("cannot read Seat: ");
    }
}
