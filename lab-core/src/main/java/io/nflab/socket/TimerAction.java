package io.nflab.socket;

/** Something to do when a timer scheduled with {@link SocketTable#schedule} comes due. */
@FunctionalInterface
public interface TimerAction {

    /** @param now the timer's deadline on the lab clock */
    void fire(long now);
}
