package dev.localbridge.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** A raw TCP client for what HTTP libraries will not send: partial, oversized and malformed requests. */
public final class RawHttp implements AutoCloseable {
    private final Socket socket;

    private RawHttp(Socket socket) {
        this.socket = socket;
    }

    /** Connects to the bridge on 127.0.0.1 from {@code from} (another loopback address is another client). */
    public static RawHttp connect(int port, String from) {
        try {
            Socket socket = new Socket();
            socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
            socket.setSoTimeout(30_000);
            return new RawHttp(socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static RawHttp connect(int port) {
        return connect(port, "127.0.0.1");
    }

    /** Sends bytes; false if the bridge has already closed the connection. */
    public boolean send(String text) {
        try {
            socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Everything the bridge sends until it closes the connection; throws if it is still open after
     * {@code seconds} (a guard against hangs, far above every timeout the tests configure).
     */
    public String readUntilClosed(int seconds) {
        try {
            socket.setSoTimeout(seconds * 1000);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            while (true) {
                int n;
                try {
                    n = in.read(buffer);
                } catch (SocketTimeoutException e) {
                    throw new AssertionError("the bridge kept the connection open for " + seconds + " s; got so far: "
                            + out.toString(StandardCharsets.ISO_8859_1));
                } catch (IOException reset) {
                    n = -1;
                }
                if (n < 0) {
                    return out.toString(StandardCharsets.ISO_8859_1);
                }
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The status code of a response text, or -1 if there is none. */
    public static int status(String response) {
        return response.startsWith("HTTP/1.") ? Integer.parseInt(response.substring(9, 12)) : -1;
    }

    /** The body of a response text (after the blank line). */
    public static String body(String response) {
        int at = response.indexOf("\r\n\r\n");
        return at < 0 ? "" : response.substring(at + 4);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed by the bridge
        }
    }
}
