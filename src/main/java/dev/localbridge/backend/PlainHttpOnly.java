package dev.localbridge.backend;

import java.security.KeyManagementException;
import java.security.Provider;
import java.security.SecureRandom;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * The TLS context of a JDK {@code HttpClient} that only ever speaks plain {@code http://}. Without one, building the
 * client makes the JDK's default context, which loads every security provider and parses the trusted certificates:
 * 100-300 ms of a cold start (measured with JFR on the bridge's first backend probe), for TLS that a loopback or LAN
 * backend never uses. Any attempt to use it for TLS fails with a clear message.
 */
final class PlainHttpOnly extends SSLContextSpi {
    private static final Provider PROVIDER = new Provider("LocalBridgePlainHttp", "1",
            "no TLS: plain HTTP clients only") {
    };

    static SSLContext context() {
        return new SSLContext(new PlainHttpOnly(), PROVIDER, "none") {
        };
    }

    private static UnsupportedOperationException refused() {
        return new UnsupportedOperationException("this client speaks plain HTTP only (the URL is http://)");
    }

    @Override
    protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom sr) throws KeyManagementException {
        throw new KeyManagementException(refused());
    }

    @Override
    protected SSLSocketFactory engineGetSocketFactory() {
        throw refused();
    }

    @Override
    protected SSLServerSocketFactory engineGetServerSocketFactory() {
        throw refused();
    }

    @Override
    protected SSLEngine engineCreateSSLEngine() {
        throw refused();
    }

    @Override
    protected SSLEngine engineCreateSSLEngine(String host, int port) {
        throw refused();
    }

    @Override
    protected SSLSessionContext engineGetServerSessionContext() {
        throw refused();
    }

    @Override
    protected SSLSessionContext engineGetClientSessionContext() {
        throw refused();
    }

    @Override
    protected SSLParameters engineGetDefaultSSLParameters() {
        return new SSLParameters();
    }

    @Override
    protected SSLParameters engineGetSupportedSSLParameters() {
        return new SSLParameters();
    }
}
