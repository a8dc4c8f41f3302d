package io.callcenter.gateway;

import io.callcenter.gateway.fanout.FanoutConsumer;
import io.callcenter.gateway.socket.SocketServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * Start order: the fan-out consumer rebuilds the views of ringing/connected calls and agent statuses from Kafka,
 * then the Socket.IO port opens, so the first CRM to join already gets every ringing call. Stop in reverse.
 */
@Component
public class GatewayLifecycle implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(GatewayLifecycle.class);
    private static final Duration MAX_REPLAY_WAIT = Duration.ofMinutes(2);

    private final FanoutConsumer fanout;
    private final SocketServer sockets;
    private volatile boolean running;

    public GatewayLifecycle(FanoutConsumer fanout, SocketServer sockets) {
        this.fanout = fanout;
        this.sockets = sockets;
    }

    @Override
    public void start() {
        fanout.start();
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
        sockets.stop();
        fanout.stop();
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
