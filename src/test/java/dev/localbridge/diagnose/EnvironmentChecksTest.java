package dev.localbridge.diagnose;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EnvironmentChecksTest {
    static final String BRIDGE = "http://127.0.0.1:8082";

    @Test
    void loopback_names_and_a_trailing_slash_reach_a_loopback_bridge() {
        assertThat(EnvironmentChecks.pointsAt("http://127.0.0.1:8082", BRIDGE)).isTrue();
        assertThat(EnvironmentChecks.pointsAt("http://localhost:8082/", BRIDGE)).isTrue();
        assertThat(EnvironmentChecks.pointsAt("http://[::1]:8082", BRIDGE)).isTrue();
    }

    @Test
    void another_port_a_path_or_https_does_not_reach_the_bridge() {
        assertThat(EnvironmentChecks.pointsAt("http://127.0.0.1:8080", BRIDGE)).isFalse();
        assertThat(EnvironmentChecks.pointsAt("http://127.0.0.1:8082/v1", BRIDGE)).isFalse();
        assertThat(EnvironmentChecks.pointsAt("https://127.0.0.1:8082", BRIDGE)).isFalse();
        assertThat(EnvironmentChecks.pointsAt("https://api.anthropic.com", BRIDGE)).isFalse();
        assertThat(EnvironmentChecks.pointsAt("not a url", BRIDGE)).isFalse();
    }
}
