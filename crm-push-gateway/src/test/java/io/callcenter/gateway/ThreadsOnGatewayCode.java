package io.callcenter.gateway;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The stacks of the threads that are in the gateway's code or blocked (the caller's apart), for the message of a test
 * that timed out.
 */
final class ThreadsOnGatewayCode {
    private ThreadsOnGatewayCode() {
    }

    static String dump() {
        return Arrays.stream(ManagementFactory.getThreadMXBean().dumpAllThreads(true, true))
                .filter(ThreadsOnGatewayCode::relevant)
                .map(ThreadsOnGatewayCode::describe)
                .collect(Collectors.joining("\n"));
    }

    private static boolean relevant(ThreadInfo thread) {
        return thread.getThreadId() != Thread.currentThread().getId()
                && (thread.getThreadState() == Thread.State.BLOCKED || Arrays.stream(thread.getStackTrace())
                .anyMatch(frame -> frame.getClassName().startsWith("io.callcenter.gateway.")));
    }

    private static String describe(ThreadInfo thread) {
        StringBuilder text = new StringBuilder("\"" + thread.getThreadName() + "\" " + thread.getThreadState());
        if (thread.getLockName() != null) {
            text.append(" on ").append(thread.getLockName());
        }
        if (thread.getLockOwnerName() != null) {
            text.append(" held by \"").append(thread.getLockOwnerName()).append('"');
        }
        Arrays.stream(thread.getStackTrace()).limit(25).forEach(frame -> text.append("\n    at ").append(frame));
        return text.toString();
    }
}
