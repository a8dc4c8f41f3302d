package io.callcenter.system;

import io.callcenter.simulator.IngestClient;
import io.callcenter.testing.RealInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue 20: CRMs converge after any gateway disconnect. 20 CRMs, each the guide's class on socket.io-client 4.0.0 (the
 * Node harness, default transports, reconnection on, re-joining on connect), under load: 5 calls/s, each hung up by
 * the VoiceBot 3 s after it rang. A gateway is killed with SIGKILL and started again, or two gateways behind the
 * compose edge (HAProxy, deploy/haproxy.cfg) are restarted one after the other as a rolling deploy does (SIGTERM,
 * start, healthy). Once the load is over and every call has ended, every CRM must show no call ringing (the guide's
 * popup hidden, nothing left in its ringing view) and know every call as ended, also those that rang and ended
 * while it was disconnected.
 */
@Tag("reliability")
@RealInfrastructure
class GatewayRestartConvergenceTest {
    private static final Logger log = LoggerFactory.getLogger(GatewayRestartConvergenceTest.class);
    private static final int CRMS = 20;
    private static final Duration CALL_INTERVAL = Duration.ofMillis(200);
    private static final Duration HANG_UP_AFTER = Duration.ofSeconds(3);

    private static RunningSystem system;

    @BeforeAll
    static void startSystem() throws Exception {
        assumeTrue(NodeCrmFleet.available(), NodeCrmFleet.unavailableMessage());
        system = new RunningSystem(Map.of(), Map.of());
    }

    @AfterAll
    static void stopSystem() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void afterAGatewayIsKilledAndRestartedEveryCrmShowsNoStaleCallAndKnowsEveryCallEnded() {
        RunningSystem.Gateway gateway = system.startGateway("gateway-kill");
        gateway.process().awaitHealthy();
        try (NodeCrmFleet fleet = new NodeCrmFleet(gateway.url(), CRMS);
             Load load = new Load(new IngestClient(system.ingestUrl(), null), "KILL_")) {
            awaitAllJoined(fleet, 1);
            load.awaitPlaced(10);

            gateway.process().kill();
            long down = System.nanoTime();
            gateway.process().start().awaitHealthy();
            log.info("gateway down (SIGKILL to healthy) for {} ms; {} calls placed so far",
                    (System.nanoTime() - down) / 1_000_000, load.placed().size());
            awaitAllJoined(fleet, 2); // every CRM reconnected and re-joined
            load.awaitPlaced(load.placed().size() + 10); // some load after the restart too

            Set<String> calls = load.stopAndAwaitEnded();
            assertConverged(fleet, calls);
        } finally {
            gateway.process().stop();
        }
    }

    @Test
    void afterARollingRestartOfTwoGatewaysBehindTheEdgeEveryCrmShowsNoStaleCallAndKnowsEveryCallEnded() {
        assumeTrue(HaproxyEdge.available(), "haproxy not installed (Debian package haproxy; .ci/run installs it)");
        RunningSystem.Gateway first = system.startGateway("gateway-roll-1");
        RunningSystem.Gateway second = system.startGateway("gateway-roll-2");
        first.process().awaitHealthy();
        second.process().awaitHealthy();
        try (HaproxyEdge edge = new HaproxyEdge(first, second);
             NodeCrmFleet fleet = new NodeCrmFleet(edge.url(), CRMS);
             Load load = new Load(new IngestClient(system.ingestUrl(), null), "ROLL_")) {
            awaitAllJoined(fleet, 1);
            load.awaitPlaced(10);

            for (RunningSystem.Gateway gateway : List.of(first, second)) {
                long stopping = System.nanoTime();
                gateway.process().stop(); // SIGTERM: the drain
                long stopped = System.nanoTime();
                gateway.process().start().awaitHealthy();
                log.info("{}: SIGTERM to exit {} ms, start to healthy {} ms; {} calls placed so far",
                        gateway.instanceId(), (stopped - stopping) / 1_000_000,
                        (System.nanoTime() - stopped) / 1_000_000, load.placed().size());
            }
            load.awaitPlaced(load.placed().size() + 10);

            Set<String> calls = load.stopAndAwaitEnded();
            assertConverged(fleet, calls);
            for (NodeCrmFleet.Crm crm : fleet.state()) {
                assertThat(crm.joins()).as("CRM %d moved to the other gateway at least once", crm.index())
                        .isGreaterThanOrEqualTo(2);
                assertThat(crm.disconnects()).as("CRM %d: closed at the Engine.IO level, never told to stay away",
                        crm.index()).isNotEmpty().containsOnly("transport close");
            }
        } finally {
            first.process().stop();
            second.process().stop();
        }
    }

    private static void awaitAllJoined(NodeCrmFleet fleet, int joins) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() ->
                fleet.state().stream().allMatch(crm -> crm.connected() && crm.joins() >= joins));
    }

    /** No CRM shows any of the calls as ringing, and every CRM knows every call as ended. */
    private static void assertConverged(NodeCrmFleet fleet, Set<String> calls) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            int stale = 0;
            int unknownEnds = 0;
            List<NodeCrmFleet.Crm> crms = fleet.state();
            for (NodeCrmFleet.Crm crm : crms) {
                Set<String> ringing = new HashSet<>(crm.ringing());
                ringing.retainAll(calls);
                stale += ringing.size();
                Set<String> missing = new HashSet<>(calls);
                missing.removeAll(crm.ended());
                unknownEnds += missing.size();
            }
            log.info("{} CRMs, {} calls: {} stale ringing calls, {} calls not known as ended", crms.size(),
                    calls.size(), stale, unknownEnds);
            assertThat(crms).hasSize(CRMS);
            for (NodeCrmFleet.Crm crm : crms) {
                assertThat(crm.connected()).as("CRM %d connected", crm.index()).isTrue();
                assertThat(crm.popup()).as("CRM %d: the guide page's popup", crm.index()).isNull();
                assertThat(crm.current()).as("CRM %d: the guide class's getCurrentCall()", crm.index())
                        .isNotIn(calls);
                assertThat(crm.ringing()).as("CRM %d: stale ringing calls", crm.index())
                        .doesNotContainAnyElementsOf(calls);
                assertThat(crm.ended()).as("CRM %d: calls known as ended", crm.index()).containsAll(calls);
            }
        });
    }

    /** The VoiceBot: a call every 200 ms, each ended ("customer_hangup") 3 s after it was accepted. */
    private static final class Load implements AutoCloseable {
        private final IngestClient voicebot;
        private final String prefix;
        private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
        private final List<String> placed = new CopyOnWriteArrayList<>();
        private final List<CompletableFuture<Boolean>> ends = new CopyOnWriteArrayList<>();
        private final ScheduledFuture<?> placing;

        Load(IngestClient voicebot, String prefix) {
            this.voicebot = voicebot;
            this.prefix = prefix;
            placing = scheduler.scheduleAtFixedRate(this::placeOne, 0, CALL_INTERVAL.toMillis(),
                    TimeUnit.MILLISECONDS);
        }

        private void placeOne() {
            String callId = prefix + System.nanoTime();
            CompletableFuture<Boolean> ended = new CompletableFuture<>();
            ends.add(ended);
            voicebot.startCall(callId, "0912345678", "1900").whenComplete((response, error) -> {
                if (error != null || !response.accepted()) {
                    ended.completeExceptionally(new AssertionError("call " + callId + " not accepted: "
                            + (error != null ? error : response)));
                    return;
                }
                placed.add(callId);
                scheduler.schedule(() -> voicebot.endCall(callId, "customer_hangup").whenComplete((r, e) -> {
                    if (e != null || r.status() >= 300) {
                        ended.completeExceptionally(new AssertionError("end of " + callId + " failed: "
                                + (e != null ? e : r)));
                    } else {
                        ended.complete(true);
                    }
                }), HANG_UP_AFTER.toMillis(), TimeUnit.MILLISECONDS);
            });
        }

        List<String> placed() {
            return List.copyOf(placed);
        }

        void awaitPlaced(int count) {
            await().atMost(Duration.ofSeconds(60)).until(() -> placed.size() >= count);
        }

        /** Stops placing calls, waits until every placed call's end is accepted; returns the calls. */
        Set<String> stopAndAwaitEnded() {
            placing.cancel(false);
            CompletableFuture.allOf(new ArrayList<>(ends).toArray(CompletableFuture[]::new))
                    .orTimeout(60, TimeUnit.SECONDS).join();
            return new HashSet<>(placed);
        }

        @Override
        public void close() {
            scheduler.shutdownNow();
        }
    }
}
