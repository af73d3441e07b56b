/**
 * The applications of lab hosts, as pure code on a {@link io.nflab.socket.SocketTable}: the services a
 * topology names (echo, discard, http, dns, ftp; see {@link io.nflab.app.Services}) and the client
 * programs a scenario or the console runs ({@code connect}, {@code ping}, {@code traceroute},
 * {@code nc -u}, an FTP client), whose output mirrors the Linux tools. See docs/sockets-and-apps.md.
 */
package io.nflab.app;
