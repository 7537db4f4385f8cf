package dev.localbridge.server;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * The promise that code never leaves your network, checked at start: the backend must be on loopback or a
 * private network unless {@code --allow-public-backend}; a bind beyond loopback without client keys is announced
 * loudly.
 */
final class Exposure {
    private Exposure() {
    }

    /** Throws with the reason when the backend's address is public (or unknown) and that was not allowed. */
    static void checkBackend(URI backend, boolean allowPublic) {
        if (allowPublic) {
            return;
        }
        String host = backend.getHost();
        if (host == null) {
            throw new IllegalStateException("the backend URL " + backend + " has no host");
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("cannot resolve the backend host " + host + " to check that it is on"
                    + " your network; give its address, or pass --allow-public-backend");
        }
        for (InetAddress address : addresses) {
            if (!isPrivate(address)) {
                throw new IllegalStateException("the backend " + backend + " is at the public address "
                        + address.getHostAddress() + ": prompts and code would leave your network. Pass"
                        + " --allow-public-backend if that is intended");
            }
        }
    }

    /** Loopback, RFC 1918, link-local, carrier-grade NAT (100.64/10, used by Tailscale) or IPv6 unique-local. */
    static boolean isPrivate(InetAddress address) {
        if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()) {
            return true;
        }
        byte[] bytes = address.getAddress();
        if (bytes.length == 4) {
            return (bytes[0] & 0xff) == 100 && (bytes[1] & 0xc0) == 64;
        }
        return (bytes[0] & 0xfe) == 0xfc;
    }

    /** The warning for a bind beyond loopback without client keys, if that is the case. */
    static Optional<String> bindWarning(String host, int port, List<String> apiKeys) {
        if (!apiKeys.isEmpty() || isLoopback(host)) {
            return Optional.empty();
        }
        return Optional.of("EXPOSED: listening on " + host + ":" + port + " without --api-keys: anyone who can"
                + " reach this address can use your backend and read its /health and /metrics. Set --api-keys,"
                + " or bind to 127.0.0.1");
    }

    private static boolean isLoopback(String host) {
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (!address.isLoopbackAddress()) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
