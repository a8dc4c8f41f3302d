package io.callcenter.gateway;

import io.socket.client.Manager;
import io.socket.engineio.client.Socket;
import io.socket.engineio.client.Transport;
import io.socket.engineio.parser.Packet;

import java.lang.reflect.Field;
import java.time.LocalTime;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The last Engine.IO happenings of one Java client (transport created, upgrading, upgraded or failed, packets in and
 * out by type), kept for the message of a test that timed out. The Manager's engine is read by reflection: the
 * client library keeps it package-private.
 */
final class EngineTimeline {
    private static final int KEPT = 60;
    private final Deque<String> entries = new ArrayDeque<>();

    void follow(Manager manager) {
        manager.on(Manager.EVENT_TRANSPORT, args -> add("transport " + ((Transport) args[0]).name + " created"));
        manager.on(Manager.EVENT_OPEN, args -> followEngine(manager));
        manager.on(Manager.EVENT_CLOSE, args -> add("closed: " + (args.length > 0 ? args[0] : "")));
    }

    private void followEngine(Manager manager) {
        Socket engine;
        try {
            Field field = Manager.class.getDeclaredField("engine");
            field.setAccessible(true);
            engine = (Socket) field.get(manager);
        } catch (ReflectiveOperationException e) {
            add("engine not readable: " + e);
            return;
        }
        add("open");
        engine.on(Socket.EVENT_UPGRADING, args -> add("upgrading to " + ((Transport) args[0]).name));
        engine.on(Socket.EVENT_UPGRADE, args -> add("upgraded to " + ((Transport) args[0]).name));
        engine.on(Socket.EVENT_UPGRADE_ERROR, args -> add("upgrade error " + (args.length > 0 ? args[0] : "")));
        engine.on(Socket.EVENT_PACKET, args -> add("in  " + describe((Packet<?>) args[0])));
        engine.on(Socket.EVENT_PACKET_CREATE, args -> add("out " + describe((Packet<?>) args[0])));
    }

    private static String describe(Packet<?> packet) {
        String data = packet.data instanceof String text ? text : String.valueOf(packet.data);
        return packet.type + (data.isEmpty() || data.equals("null") ? "" : " " + (data.length() > 60
                ? data.substring(0, 60) + "..." : data));
    }

    private synchronized void add(String entry) {
        entries.addLast(LocalTime.now() + " " + entry);
        if (entries.size() > KEPT) {
            entries.removeFirst();
        }
    }

    @Override
    public synchronized String toString() {
        return String.join("\n", entries);
    }
}
