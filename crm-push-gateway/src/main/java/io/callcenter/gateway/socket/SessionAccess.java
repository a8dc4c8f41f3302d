package io.callcenter.gateway.socket;

import io.callcenter.gateway.auth.Identity;

import java.util.concurrent.ScheduledFuture;

/**
 * What {@link ConnectGate} knows about one Engine.IO session, kept in netty-socketio's per-session store from the
 * handshake on: the identity of a {@code ?token=} verified at the handshake (if any), and whether the session has
 * completed the Socket.IO namespace connect (then {@link #identity()} is set), was refused, or had its token expire.
 * Only a connected session's packets reach netty-socketio's handlers.
 */
final class SessionAccess {
    /** The key in netty-socketio's session store ({@code ClientHead.getStore()}, {@code SocketIOClient.get}). */
    static final String STORE_KEY = "callcenter.access";

    private final Identity handshakeIdentity;
    private volatile Identity identity;
    private volatile boolean refused;
    private volatile boolean expired;
    private volatile ScheduledFuture<?> timer;

    private SessionAccess(Identity handshakeIdentity, Identity connectedAs) {
        this.handshakeIdentity = handshakeIdentity;
        this.identity = connectedAs;
    }

    /** An Engine.IO v4 session: it must still send a namespace connect, with a token unless one came at handshake. */
    static SessionAccess awaitingConnect(Identity handshakeIdentity) {
        return new SessionAccess(handshakeIdentity, null);
    }

    /** An Engine.IO v3 session: netty-socketio connects it to the default namespace itself, on the handshake. */
    static SessionAccess connectedAtHandshake(Identity identity) {
        return new SessionAccess(identity, identity);
    }

    Identity handshakeIdentity() {
        return handshakeIdentity;
    }

    /** Null until the namespace connect was accepted. */
    Identity identity() {
        return identity;
    }

    boolean connected() {
        return identity != null && !refused && !expired;
    }

    boolean refused() {
        return refused;
    }

    synchronized void connect(Identity accepted) {
        identity = accepted;
    }

    synchronized void refuse() {
        refused = true;
    }

    /** True for the first caller only, so that an expiry is acted on once. */
    synchronized boolean markExpired() {
        if (expired) {
            return false;
        }
        expired = true;
        return true;
    }

    /** The pending connect-timeout or expiry task, replaced (and the previous one cancelled) by each call. */
    synchronized void timer(ScheduledFuture<?> next) {
        cancelTimer();
        timer = next;
    }

    synchronized void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
