package dev.multitasking.cluster;

/**
 * A member's address as {@code host:port}, checked: a host name or IPv4 address and a port in
 * 1..65535. The one place a {@code --join} or {@code --members} value is read.
 *
 * @param host the host name or address
 * @param port the TCP port
 */
public record HostPort(String host, int port) {

    public HostPort {
        if (host.isBlank() || !host.matches("[A-Za-z0-9.\\-]+")) {
            throw new IllegalArgumentException("bad host '" + host + "' (expected a host name or an IPv4 address)");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("bad port " + port + " (expected 1..65535)");
        }
    }

    /** Reads {@code host:port}; a bad one gets an IllegalArgumentException that says what was expected. */
    public static HostPort parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("bad address '" + text + "' (expected host:port, e.g. 127.0.0.1:5701)");
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad port in '" + text + "' (expected host:port, e.g. 127.0.0.1:5701)");
        }
        return new HostPort(text.substring(0, colon), port);
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
