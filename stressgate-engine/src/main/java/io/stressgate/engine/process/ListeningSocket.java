package io.stressgate.engine.process;

/** A TCP socket in the LISTEN state, from {@code /proc/net/tcp} or {@code tcp6}; {@code inode} ties it to an fd. */
public record ListeningSocket(String address, int port, long inode) {
    /** {@code 127.0.0.1:8000} or {@code [::1]:8000}. */
    public String endpoint() {
        return (address.contains(":") ? "[" + address + "]" : address) + ":" + port;
    }
}
