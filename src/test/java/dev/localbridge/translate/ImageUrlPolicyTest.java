package dev.localbridge.translate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.localbridge.anthropic.RequestReader;
import dev.localbridge.error.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImageUrlPolicyTest {

    @Test
    void other_schemes_are_refused() {
        for (String url : List.of("file:///etc/passwd", "gopher://127.0.0.1:6379/_INFO", "ftp://host/x.png",
                "data:image/png;base64,AAAA", "//host/x.png")) {
            assertThat(ImageUrlPolicy.LIMITED.refusal(url)).as(url).isNotNull();
        }
    }

    @Test
    void link_local_hosts_and_hidden_spellings_of_addresses_are_refused() {
        for (String url : List.of("http://169.254.169.254/latest/meta-data/", "http://[fe80::1]/x.png",
                "http://[::ffff:169.254.169.254]/", "http://2852039166/", "http://0xA9FEA9FE/",
                "http://0251.0376.0251.0376/", "http://169.254.169.254./", "http://169.254.43518/")) {
            assertThat(ImageUrlPolicy.LIMITED.refusal(url)).as(url).isNotNull();
        }
    }

    @Test
    void http_and_https_urls_on_other_hosts_are_forwarded() {
        for (String url : List.of("https://example.com/cat.png", "http://192.168.1.5:8000/shot.png",
                "HTTPS://upload.wikimedia.org/a.jpg", "http://[2001:db8::1]/x.png", "http://10.0.0.1/x")) {
            assertThat(ImageUrlPolicy.LIMITED.refusal(url)).as(url).isNull();
        }
    }

    @Test
    void refused_refuses_every_url() {
        assertThat(ImageUrlPolicy.REFUSED.refusal("https://example.com/cat.png")).contains("base64");
        assertThat(ImageUrlPolicy.parse("Refused")).isEqualTo(ImageUrlPolicy.REFUSED);
    }

    @Test
    void a_request_with_a_metadata_image_url_is_a_400_and_never_reaches_the_backend() {
        String body = "{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\","
                + "\"content\":[{\"type\":\"image\",\"source\":{\"type\":\"url\","
                + "\"url\":\"http://169.254.169.254/latest/meta-data/\"}}]}]}";
        RequestTranslator translator = new RequestTranslator(new ThinkingSignatures(new byte[32]));
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> translator.translate(RequestReader.read(bytes, true), "m", 5))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("image source url").hasMessageContaining("link-local");
    }
}
