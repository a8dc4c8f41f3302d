package io.callcenter.ingest.calls;

import io.callcenter.ingest.IngestProperties;
import io.callcenter.kit.api.ApiException;
import io.callcenter.model.serde.CallcenterJson;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which call-ingest instance holds a call's state, and asking it. Each instance's store holds only the partitions it
 * owns, so behind a load balancer a request for another instance's call is forwarded to that instance (Kafka
 * Streams knows each key's owner from {@code application.server}, our {@code advertised-address}). A forwarded
 * request carries {@value #LOCAL_ONLY} and is answered from the local store only, so forwarding never loops, even
 * while partitions move. Without other instances (or without metadata) everything is local.
 */
@Component
public class CallOwners {
    /** Header of a forwarded request: answer from this instance's store, never forward again. */
    public static final String LOCAL_ONLY = "X-Callcenter-Local-Only";
    private static final Logger log = LoggerFactory.getLogger(CallOwners.class);

    private final StreamsBuilderFactoryBean factory;
    private final HostInfo self;
    private final String apiKey;
    private final RestClient http;

    CallOwners(StreamsBuilderFactoryBean factory, IngestProperties ingest) {
        this.factory = factory;
        this.self = HostInfo.buildFromEndpoint(ingest.advertisedAddress());
        this.apiKey = ingest.apiKey();
        SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
        requests.setConnectTimeout(Duration.ofSeconds(2));
        requests.setReadTimeout(Duration.ofSeconds(5));
        this.http = RestClient.builder().requestFactory(requests).build();
    }

    /** The instance that owns this call, when it is another one. */
    Optional<HostInfo> remoteOwnerOf(String callId) {
        KafkaStreams streams = factory.getKafkaStreams();
        if (streams == null) {
            return Optional.empty();
        }
        KeyQueryMetadata owner = streams.queryMetadataForKey(CallLifecycleTopology.CALLS_STORE, callId,
                Serdes.String().serializer());
        if (owner == null || owner.equals(KeyQueryMetadata.NOT_AVAILABLE) || self.equals(owner.activeHost())) {
            return Optional.empty();
        }
        return Optional.of(owner.activeHost());
    }

    /** The other instances that own part of the calls. */
    List<HostInfo> otherOwners() {
        KafkaStreams streams = factory.getKafkaStreams();
        if (streams == null) {
            return List.of();
        }
        List<HostInfo> others = new ArrayList<>();
        for (StreamsMetadata instance : streams.metadataForAllStreamsClients()) {
            if (!self.equals(instance.hostInfo()) && !instance.stateStoreNames().isEmpty()) {
                others.add(instance.hostInfo());
            }
        }
        return others;
    }

    /** The call as its owner shows it; empty when the owner does not know it (404). */
    Optional<CallView> fetch(HostInfo owner, String callId) {
        try {
            JsonNode envelope = request(owner, "/api/v1/calls/" + callId);
            return Optional.of(CallcenterJson.mapper().treeToValue(envelope.path("data"), CallView.class));
        } catch (HttpClientErrorException.NotFound e) {
            return Optional.empty();
        }
    }

    /** The owner's own list (its partitions only) with that query. */
    List<CallView> fetchList(HostInfo owner, String query) {
        JsonNode envelope = request(owner, "/api/v1/calls?" + query);
        JavaType listOfViews = CallcenterJson.mapper().getTypeFactory().constructCollectionType(List.class,
                CallView.class);
        return CallcenterJson.mapper().treeToValue(envelope.path("data"), listOfViews);
    }

    private JsonNode request(HostInfo owner, String pathAndQuery) {
        String url = "http://" + owner.host() + ":" + owner.port() + pathAndQuery;
        try {
            String body = http.get().uri(url).header(LOCAL_ONLY, "true")
                    .headers(headers -> {
                        if (!apiKey.isEmpty()) {
                            headers.set("X-Api-Key", apiKey);
                        }
                    })
                    .retrieve().body(String.class);
            return CallcenterJson.mapper().readTree(body);
        } catch (HttpClientErrorException.NotFound e) {
            throw e;
        } catch (RestClientException e) {
            log.warn("Instance {} owning the call state did not answer {}: {}", owner, pathAndQuery, e.toString());
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "not_ready", "the call-ingest instance holding "
                    + "this call (" + owner.host() + ":" + owner.port() + ") did not answer; retry shortly");
        }
    }
}
