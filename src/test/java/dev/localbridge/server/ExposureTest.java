package dev.localbridge.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.localbridge.testing.Bridges;
import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExposureTest {

    @Test
    void a_public_backend_address_is_refused_at_start_unless_allowed() {
        assertThatThrownBy(() -> Bridges.start("http://8.8.8.8:8080"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("public address 8.8.8.8").hasMessageContaining("--allow-public-backend");
        Exposure.checkBackend(URI.create("http://8.8.8.8:8080"), true);
    }

    @Test
    void loopback_private_lan_tailscale_and_unique_local_backends_are_accepted() throws Exception {
        for (String address : List.of("127.0.0.1", "10.1.2.3", "172.16.0.9", "192.168.1.20", "100.101.102.103",
                "169.254.1.1", "::1", "fd12:3456::1", "fe80::1")) {
            assertThat(Exposure.isPrivate(InetAddress.getByName(address))).as(address).isTrue();
        }
        for (String address : List.of("8.8.8.8", "172.32.0.1", "100.128.0.1", "2001:4860::8888")) {
            assertThat(Exposure.isPrivate(InetAddress.getByName(address))).as(address).isFalse();
        }
        Exposure.checkBackend(URI.create("http://localhost:8080"), false);
    }

    @Test
    void binding_beyond_loopback_without_keys_is_warned_about_loudly() {
        assertThat(Exposure.bindWarning("0.0.0.0", 8082, List.of())).hasValueSatisfying(warning ->
                assertThat(warning).contains("EXPOSED").contains("0.0.0.0:8082").contains("--api-keys"));
        assertThat(Exposure.bindWarning("0.0.0.0", 8082, List.of("sk-1"))).isEmpty();
        assertThat(Exposure.bindWarning("127.0.0.1", 8082, List.of())).isEmpty();
        assertThat(Exposure.bindWarning("localhost", 8082, List.of())).isEmpty();
    }
}
