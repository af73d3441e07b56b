package io.nflab.netfilter.eval;

import io.nflab.netfilter.match.CtState;

/** A conntrack entry view for tests: plain mutable fields. */
final class TestConntrack implements ConntrackView {
    CtState state = CtState.NEW;
    boolean reply;
    int status;
    int protocol = 6;
    int originalSource;
    int originalDestination;
    int originalSourcePort;
    int originalDestinationPort;
    int replySource;
    int replyDestination;
    int replySourcePort;
    int replyDestinationPort;
    long expires;
    int zone;
    long mark;

    static TestConntrack of(CtState state) {
        TestConntrack view = new TestConntrack();
        view.state = state;
        return view;
    }

    @Override
    public CtState state() {
        return state;
    }

    @Override
    public boolean isReply() {
        return reply;
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public int protocol() {
        return protocol;
    }

    @Override
    public int originalSource() {
        return originalSource;
    }

    @Override
    public int originalDestination() {
        return originalDestination;
    }

    @Override
    public int originalSourcePort() {
        return originalSourcePort;
    }

    @Override
    public int originalDestinationPort() {
        return originalDestinationPort;
    }

    @Override
    public int replySource() {
        return replySource;
    }

    @Override
    public int replyDestination() {
        return replyDestination;
    }

    @Override
    public int replySourcePort() {
        return replySourcePort;
    }

    @Override
    public int replyDestinationPort() {
        return replyDestinationPort;
    }

    @Override
    public long expiresInSeconds() {
        return expires;
    }

    @Override
    public int zone() {
        return zone;
    }

    @Override
    public long mark() {
        return mark;
    }

    @Override
    public void setMark(long newMark) {
        mark = newMark;
    }
}
