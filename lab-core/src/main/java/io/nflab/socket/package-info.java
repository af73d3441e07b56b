/**
 * The local transport endpoints of one network namespace: a {@link io.nflab.socket.SocketTable} of TCP
 * listeners and connections, UDP sockets and ICMP echo (ping) sockets, behaving as Linux's do where it
 * shows on the wire and in conntrack. Pure and deterministic: no threads, no wall clock (time is the
 * lab clock in nanoseconds, passed in), no real sockets. See docs/sockets-and-apps.md.
 */
package io.nflab.socket;
