package io.callcenter.gateway.socket;

import io.callcenter.gateway.auth.Identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sockets that asked for connection-state recovery, by their private id ({@code pid}, which only that client
 * knows): who they were (the token's subject), whether they had joined and as what. A socket's entry outlives its
 * disconnection by {@code maxDisconnection}; a client reconnecting within that time, with the same pid and a token
 * of the same subject, takes the entry over (once: a pid cannot be recovered twice).
 */
public final class RecoverySessions {
    /** What a recovered socket gets back. */
    record Session(String pid, String subject, boolean joined, String userType) {
    }

    private record Kept(Session session, Instant disconnectedAt) {
    }

    private final Map<String, Kept> sessions = new ConcurrentHashMap<>();
    private final Duration maxDisconnection;
    private final Clock clock;
    /** When expired entries were last dropped: at most once a second, so a mass disconnect costs no n² sweeps. */
    private volatile Instant lastSweep = Instant.EPOCH;

    public RecoverySessions(Duration maxDisconnection, Clock clock) {
        this.maxDisconnection = maxDisconnection;
        this.clock = clock;
    }

    /** A new private id for a socket that may want to recover later. */
    static String newPid() {
        return UUID.randomUUID().toString();
    }

    /** The socket with this pid disconnected: kept, as it was, for {@code maxDisconnection}. */
    void disconnected(ClientState state) {
        if (state.pid() == null) {
            return;
        }
        keep(state.pid(), state.identity().subject(), state.joined(), state.userType());
    }

    void keep(String pid, String subject, boolean joined, String userType) {
        sweep();
        sessions.put(pid, new Kept(new Session(pid, subject, joined, userType), clock.instant()));
    }

    /** The session this client may take back: its pid is kept, not expired, and its token has the same subject. */
    Optional<Session> takeOver(Object pid, Identity identity) {
        if (!(pid instanceof String text)) {
            return Optional.empty();
        }
        sweep();
        Kept kept = sessions.get(text);
        if (kept == null || kept.disconnectedAt().isBefore(clock.instant().minus(maxDisconnection))
                || !kept.session().subject().equals(identity.subject())
                || !sessions.remove(text, kept)) {
            return Optional.empty();
        }
        return Optional.of(kept.session());
    }

    int size() {
        return sessions.size();
    }

    private void sweep() {
        Instant now = clock.instant();
        if (now.isBefore(lastSweep.plusSeconds(1))) {
            return;
        }
        lastSweep = now;
        Instant oldest = now.minus(maxDisconnection);
        for (Iterator<Kept> it = sessions.values().iterator(); it.hasNext(); ) {
            if (it.next().disconnectedAt().isBefore(oldest)) {
                it.remove();
            }
        }
    }
}
