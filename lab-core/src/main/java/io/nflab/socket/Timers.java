package io.nflab.socket;

import java.util.Comparator;
import java.util.PriorityQueue;

/** The table's timers in deadline order (ties in scheduling order); cancelled ones are skipped lazily. */
final class Timers {
    private final PriorityQueue<Timer> queue =
            new PriorityQueue<>(Comparator.comparingLong(Timer::deadline).thenComparingLong(Timer::order));
    private long scheduled;

    Timer schedule(long deadline, TimerAction action) {
        Timer timer = new Timer(deadline, scheduled++, action);
        queue.add(timer);
        return timer;
    }

    /** Fires every timer due at or before {@code now}, including those that firing schedules. */
    void fireUntil(long now) {
        while (!queue.isEmpty() && queue.peek().deadline() <= now) {
            queue.poll().fire();
        }
    }

    long nextDeadline() {
        while (!queue.isEmpty() && queue.peek().isCancelled()) {
            queue.poll();
        }
        return queue.isEmpty() ? Transmission.NO_DEADLINE : queue.peek().deadline();
    }
}
