package io.callcenter.ingest.streams;

import io.callcenter.kit.api.ApiException;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.springframework.http.HttpStatus;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Interactive queries on this instance's Kafka Streams stores (only the partitions this instance owns). While the
 * streams are starting or rebalancing the stores cannot be read; that is reported as {@code 503 not_ready} so that
 * a client retries.
 */
@Component
public class StreamsStores {
    private final StreamsBuilderFactoryBean factory;

    StreamsStores(StreamsBuilderFactoryBean factory) {
        this.factory = factory;
    }

    public <V> V get(String storeName, String key) {
        try {
            return this.<V>store(storeName).get(key);
        } catch (InvalidStateStoreException e) {
            throw notReady();
        }
    }

    /**
     * The values stored under those keys that exist, in the keys' order, from one look-up of the store;
     * {@code 503 not_ready} while it cannot be queried, even for no keys (an empty answer never means "starting").
     */
    public <V> List<V> getAll(String storeName, Collection<String> keys) {
        try {
            ReadOnlyKeyValueStore<String, V> store = store(storeName);
            List<V> values = new ArrayList<>(keys.size());
            for (String key : keys) {
                V value = store.get(key);
                if (value != null) {
                    values.add(value);
                }
            }
            return values;
        } catch (InvalidStateStoreException e) {
            throw notReady();
        }
    }

    public <V> List<V> values(String storeName) {
        List<V> values = new ArrayList<>();
        try (KeyValueIterator<String, V> all = this.<V>store(storeName).all()) {
            all.forEachRemaining(entry -> values.add(entry.value));
        } catch (InvalidStateStoreException e) {
            throw notReady();
        }
        return values;
    }

    private <V> ReadOnlyKeyValueStore<String, V> store(String storeName) {
        KafkaStreams streams = factory.getKafkaStreams();
        if (streams == null) {
            throw notReady();
        }
        return streams.store(StoreQueryParameters.fromNameAndType(storeName,
                QueryableStoreTypes.<String, V>keyValueStore()));
    }

    private ApiException notReady() {
        KafkaStreams streams = factory.getKafkaStreams();
        String state = streams == null ? "not started" : streams.state().toString();
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "not_ready",
                "call state is not ready (Kafka Streams " + state + "); retry shortly");
    }
}
