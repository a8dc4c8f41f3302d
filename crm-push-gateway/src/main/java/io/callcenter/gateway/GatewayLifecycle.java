package io.callcenter.gateway;

import io.callcenter.gateway.fanout.FanoutConsumer;
import io.callcenter.gateway.socket.ConnectedClients;
import io.callcenter.gateway.socket.EventSender;
import io.callcenter.gateway.socket.SocketServer;
import io.callcenter.gateway.stats.StatsFeed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * Start order: the fan-out consumer rebuilds the views of ringing/connected calls (and the calls that ended within
 * the recovery window) and agent statuses from Kafka, then the Socket.IO port opens, so the first CRM to join
 * already gets every ringing call. The stats feed ({@code call_center_stats}) starts alongside, without holding the
 * port: until its first snapshot arrives, {@code GET /api/call-center/stats} answers 503.
 * <p>
 * Stop (SIGTERM, e.g. a rolling deploy), within {@code drain-timeout}: readiness turns to refusing traffic
 * ({@code /actuator/health/readiness} 503, what the edge checks); the Socket.IO port stops taking connections (the
 * edge sends new ones to another instance); the fan-out consumer stops and what it had queued for the event loops
 * is written and flushed; every socket is closed at the Engine.IO level, so its client reconnects at once, through
 * the edge to another instance, and re-joins there (the join tells it what it missed); then the server stops.
 * Runs first among the lifecycle beans (highest phase), while the management port still answers.
 */
@Component
public class GatewayLifecycle implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(GatewayLifecycle.class);
    private static final Duration MAX_REPLAY_WAIT = Duration.ofMinutes(2);

    private final FanoutConsumer fanout;
    private final StatsFeed stats;
    private final SocketServer sockets;
    private final EventSender sender;
    private final ConnectedClients clients;
    private final ApplicationEventPublisher events;
    private final Duration drainTimeout;
    private volatile boolean running;

    public GatewayLifecycle(FanoutConsumer fanout, StatsFeed stats, SocketServer sockets, EventSender sender,
                            ConnectedClients clients, ApplicationEventPublisher events, GatewayProperties properties) {
        this.fanout = fanout;
        this.stats = stats;
        this.sockets = sockets;
        this.sender = sender;
        this.clients = clients;
        this.events = events;
        this.drainTimeout = properties.drainTimeout();
    }

    @Override
    public void start() {
        fanout.start();
        stats.start();
        try {
            if (!fanout.awaitCaughtUp(MAX_REPLAY_WAIT)) {
                log.warn("Views not rebuilt within {}; opening the socket port anyway", MAX_REPLAY_WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while rebuilding the views", e);
        }
        sockets.start();
        running = true;
    }

    @Override
    public void stop() {
        long started = System.nanoTime();
        AvailabilityChangeEvent.publish(events, this, ReadinessState.REFUSING_TRAFFIC);
        int connected = clients.connectedCount();
        log.info("Stopping: not ready, closing the port to new connections, draining {} client(s) within {}",
                connected, drainTimeout);
        sockets.stopAccepting();
        fanout.stop();
        stats.stop();
        boolean flushed = false;
        try {
            flushed = sender.backlog().awaitBelow(0, remaining(started));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int open = sockets.closeClients(remaining(started));
        sockets.stop();
        running = false;
        log.info("Stopped in {} ms: {} client(s) closed at the Engine.IO level{}{}",
                Duration.ofNanos(System.nanoTime() - started).toMillis(), connected - open,
                open > 0 ? ", " + open + " not closed within the drain timeout" : "",
                flushed ? "" : ", " + sender.backlog().queued() + " queued event(s) not flushed");
    }

    private Duration remaining(long startedNanos) {
        Duration left = drainTimeout.minusNanos(System.nanoTime() - startedNanos);
        return left.isNegative() ? Duration.ZERO : left;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
