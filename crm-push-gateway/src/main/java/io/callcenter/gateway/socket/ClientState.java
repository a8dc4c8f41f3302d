package io.callcenter.gateway.socket;

import com.corundumstudio.socketio.SocketIOClient;
import io.callcenter.gateway.auth.Identity;
import io.callcenter.gateway.nettysocketio.NettySocketIo;
import io.netty.channel.Channel;

/**
 * What the gateway knows about one connected socket: the library's client, the identity its token gave it, its websocket channel once it has one
 * (for the encode-once path), whether it joined the call center, and since when its channel has been unwritable.
 */
public final class ClientState {
    private final SocketIOClient client;
    private final String socketId;
    private final Identity identity;
    private final CommandRateLimiter rateLimiter;
    private volatile Channel websocket;
    /** The websocket channel whose pipeline was found to take pre-built frame bytes ({@link EventSender#takesWireFrames}). */
    private volatile Channel wireFramesChannel;
    private volatile boolean joined;
    /** Whether its join asked for {@code call_center_stats} ({@code stats: true}); the guide's clients never do. */
    private volatile boolean wantsStats;
    /** The {@code userType} of its join, for a recovered socket; null before a join. */
    private volatile String userType;
    /** Its connection-state-recovery private id; null when it did not ask for recovery. */
    private volatile String pid;
    private volatile long unwritableSinceNanos;
    private volatile boolean cutOff;

    ClientState(SocketIOClient client, Identity identity, int commandsPerSecond) {
        this.client = client;
        this.identity = identity;
        this.socketId = client.getSessionId().toString();
        this.rateLimiter = new CommandRateLimiter(commandsPerSecond);
    }

    public SocketIOClient client() {
        return client;
    }

    /** The Socket.IO socket id the CRM sees as {@code socket.id}, and the commands' {@code requestedBy.socketId}. */
    public String socketId() {
        return socketId;
    }

    /** Who the socket's token says it is ({@link Identity#ANONYMOUS} with authentication off). */
    public Identity identity() {
        return identity;
    }

    public boolean joined() {
        return joined;
    }

    public void markJoined() {
        joined = true;
    }

    public boolean wantsStats() {
        return wantsStats;
    }

    public void wantsStats(boolean value) {
        wantsStats = value;
    }

    public String userType() {
        return userType;
    }

    public void userType(String value) {
        userType = value;
    }

    /** The private id of a socket that asked for connection-state recovery (its broadcasts carry offsets), or null. */
    public String pid() {
        return pid;
    }

    void pid(String value) {
        pid = value;
    }

    public CommandRateLimiter rateLimiter() {
        return rateLimiter;
    }

    Channel websocket() {
        return websocket;
    }

    void websocket(Channel channel) {
        websocket = channel;
    }

    Channel wireFramesChannel() {
        return wireFramesChannel;
    }

    void wireFramesChannel(Channel channel) {
        wireFramesChannel = channel;
    }

    /** Disconnected for being too slow; nothing more is written to it while its channel closes. */
    boolean cutOff() {
        return cutOff;
    }

    void markCutOff() {
        cutOff = true;
    }

    long unwritableSinceNanos() {
        return unwritableSinceNanos;
    }

    void unwritableSinceNanos(long nanos) {
        unwritableSinceNanos = nanos;
    }

    /** Its state for logs and test failures: transport, joined, cut off, its websocket channel, its polling queue. */
    @Override
    public String toString() {
        Channel channel = websocket;
        return "socket " + socketId + " on " + client.getTransport() + (joined ? ", joined" : ", not joined")
                + (cutOff ? ", cut off" : "") + (channel == null ? ", no websocket" : ", websocket "
                + (channel.isActive() ? "active" : "inactive") + (channel.isWritable() ? " writable" : " unwritable"))
                + (unwritableSinceNanos == 0 ? "" : ", unwritable for "
                + (System.nanoTime() - unwritableSinceNanos) / 1_000_000 + " ms")
                + ", " + NettySocketIo.pollingBacklog(client) + " packet(s) in the library's queue";
    }
}
