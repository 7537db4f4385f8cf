package dev.localbridge.anthropic;

import java.util.Objects;

/** Where an image comes from. */
public sealed interface ImageSource {

    record Base64(String mediaType, String data) implements ImageSource {
        public Base64 {
            Objects.requireNonNull(mediaType);
            Objects.requireNonNull(data);
        }

        public String dataUrl() {
            return "data:" + mediaType + ";base64," + data;
        }
    }

    record Url(String url) implements ImageSource {
        public Url {
            Objects.requireNonNull(url);
        }
    }
}
