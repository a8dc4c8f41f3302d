package io.callcenter.model;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.callcenter.model.agents.AgentEvent;
import io.callcenter.model.commands.CallCommand;
import io.callcenter.model.events.CallEvent;
import io.callcenter.model.serde.CallcenterJson;
import io.callcenter.model.stats.CallStatsEvent;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The published JSON Schemas cannot drift from the records: every record type is serialized and validated. */
class JsonSchemaContractTest {
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    static Stream<Arguments> topics() {
        return Stream.of(
                Arguments.of(Topics.CALL_EVENTS, CallEvent.class, Samples.callEvents()),
                Arguments.of(Topics.CALL_EVENTS_V2, io.callcenter.model.calls.CallEvent.class,
                        Samples.callEventsV2()),
                Arguments.of(Topics.CALL_COMMANDS, CallCommand.class, Samples.callCommands()),
                Arguments.of(Topics.AGENT_EVENTS, AgentEvent.class, Samples.agentEvents()),
                Arguments.of(Topics.CALL_STATS, CallStatsEvent.class, Samples.callStats()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("topics")
    void everyRecordTypeOfTheTopicHasASample(String topic, Class<?> family, List<Object> samples) {
        List<Class<?>> sampled = samples.stream().<Class<?>>map(Object::getClass).distinct().toList();
        assertThat(sampled).containsExactlyInAnyOrderElementsOf(Arrays.asList(family.getPermittedSubclasses()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("topics")
    void everySampleValidatesAgainstTheTopicSchema(String topic, Class<?> family, List<Object> samples) {
        Schema schema = schemaOf(topic);
        for (Object sample : samples) {
            JsonNode json = CallcenterJson.mapper().valueToTree(sample);
            List<Error> errors = schema.validate(json);
            assertThat(errors).as("%s as %s", sample.getClass().getSimpleName(), json).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("topics")
    void aRecordMissingARequiredFieldIsRejectedBySchema(String topic, Class<?> family, List<Object> samples) {
        Schema schema = schemaOf(topic);
        ObjectNode json = (ObjectNode) CallcenterJson.mapper().valueToTree(samples.get(0));
        json.remove("eventId");
        assertThat(schema.validate(json)).isNotEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("topics")
    void aFieldTheSchemaDoesNotDescribeIsRejected(String topic, Class<?> family, List<Object> samples) {
        Schema schema = schemaOf(topic);
        ObjectNode json = (ObjectNode) CallcenterJson.mapper().valueToTree(samples.get(0));
        json.put("undocumented", 1);
        assertThat(schema.validate(json)).isNotEmpty();
    }

    private static Schema schemaOf(String topic) {
        InputStream in = JsonSchemaContractTest.class.getResourceAsStream("/schemas/" + topic + ".schema.json");
        assertThat(in).as("schema file for %s", topic).isNotNull();
        return REGISTRY.getSchema(in);
    }
}
