package io.nflab.socket;

/** A scheduled {@link TimerAction}; {@link #cancel()} keeps it from firing. */
public final class Timer {
    private final long deadline;
    private final long order;
    private final TimerAction action;
    private boolean cancelled;

    Timer(long deadline, long order, TimerAction action) {
        this.deadline = deadline;
        this.order = order;
        this.action = action;
    }

    public long deadline() {
        return deadline;
    }

    long order() {
        return order;
    }

    public void cancel() {
        cancelled = true;
    }

    public boolean isCancelled() {
        return cancelled;
    }

    void fire() {
        if (!cancelled) {
            cancelled = true;
            action.fire(deadline);
        }
    }
}
