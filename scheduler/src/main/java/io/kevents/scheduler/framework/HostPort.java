package io.kevents.scheduler.framework;

/**
 * A port a container asks for on its node.
 *
 * @param protocol {@code TCP} (the default), {@code UDP} or {@code SCTP}
 * @param hostIp   the address, {@code 0.0.0.0} meaning every address
 * @param port     the host port
 */
public record HostPort(String protocol, String hostIp, int port) {

    /** The address that stands for all addresses. */
    public static final String ANY_IP = "0.0.0.0";

    public HostPort {
        protocol = protocol == null || protocol.isEmpty() ? "TCP" : protocol;
        hostIp = hostIp == null || hostIp.isEmpty() ? ANY_IP : hostIp;
    }

    /** Whether two pods asking for these ports could not share a node. */
    public boolean conflictsWith(HostPort other) {
        return port == other.port && protocol.equals(other.protocol)
                && (hostIp.equals(other.hostIp) || ANY_IP.equals(hostIp) || ANY_IP.equals(other.hostIp));
    }
}
