package io.kevents.kubelet.pod;

import java.util.BitSet;

/**
 * Hands out pod IPs from the node's pod CIDR (as a CNI plugin's IPAM would), reusing released ones. Not
 * thread-safe: used under the node's lock.
 */
public final class PodNetwork {

    private final long base;
    private final int size;
    private final BitSet used;
    private int next;

    /** Addresses from {@code cidr}, e.g. {@code 10.244.1.0/24}; the network address itself is never handed out. */
    public PodNetwork(String cidr) {
        int slash = cidr.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("not a CIDR: " + cidr);
        }
        int prefix = Integer.parseInt(cidr.substring(slash + 1));
        if (prefix < 8 || prefix > 30) {
            throw new IllegalArgumentException("pod CIDR prefix must be /8 to /30: " + cidr);
        }
        long address = toLong(cidr.substring(0, slash));
        long mask = (0xffffffffL << (32 - prefix)) & 0xffffffffL;
        this.base = address & mask;
        this.size = (int) Math.min(1L << (32 - prefix), Integer.MAX_VALUE);
        this.used = new BitSet();
        this.next = 1;
    }

    /** A free address; throws when the range is exhausted (a node never runs that many pods). */
    public String allocate() {
        for (int tried = 0; tried < size; tried++) {
            int candidate = next;
            next = next + 1 >= size - 1 ? 1 : next + 1;
            if (!used.get(candidate)) {
                used.set(candidate);
                return toText(base + candidate);
            }
        }
        throw new IllegalStateException("pod CIDR exhausted");
    }

    /** Gives an address back. */
    public void release(String ip) {
        if (ip == null) {
            return;
        }
        long offset = toLong(ip) - base;
        if (offset > 0 && offset < size) {
            used.clear((int) offset);
        }
    }

    private static long toLong(String ip) {
        String[] parts = ip.split("\\.");
        if (parts.length != 4) {
            throw new IllegalArgumentException("not an IPv4 address: " + ip);
        }
        long value = 0;
        for (String part : parts) {
            int octet = Integer.parseInt(part);
            if (octet < 0 || octet > 255) {
                throw new IllegalArgumentException("not an IPv4 address: " + ip);
            }
            value = value << 8 | octet;
        }
        return value;
    }

    private static String toText(long value) {
        return (value >> 24 & 0xff) + "." + (value >> 16 & 0xff) + "." + (value >> 8 & 0xff) + "." + (value & 0xff);
    }
}
