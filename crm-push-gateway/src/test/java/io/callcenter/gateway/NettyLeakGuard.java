package io.callcenter.gateway;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Fails a test class when Netty reported a buffer leak while it ran. The tests run with
 * {@code -Dio.netty.leakDetection.level=paranoid} (every buffer tracked); Netty logs {@code LEAK:} at ERROR when a
 * tracked buffer is garbage-collected unreleased. This class is both the logback appender that collects those lines
 * (logback-test.xml) and the JUnit extension (auto-detected, META-INF/services) that collects garbage after each
 * class, provokes the detector and fails on any line collected.
 */
public class NettyLeakGuard extends AppenderBase<ILoggingEvent> implements AfterAllCallback {
    private static final List<String> LEAKS = new CopyOnWriteArrayList<>();

    @Override
    protected void append(ILoggingEvent event) {
        if (event.getFormattedMessage().contains("LEAK:")) {
            LEAKS.add(event.getFormattedMessage());
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50); // gives the reference queue a moment; not a wait for the system under test
            for (int j = 0; j < 100; j++) {
                ByteBuf probe = PooledByteBufAllocator.DEFAULT.buffer(16); // leak reports are made on allocation
                probe.release();
            }
        }
        if (!LEAKS.isEmpty()) {
            List<String> found = List.copyOf(LEAKS);
            LEAKS.clear();
            throw new AssertionError(found.size() + " Netty buffer leak(s) reported during "
                    + context.getDisplayName() + ":\n" + String.join("\n", found));
        }
    }
}
