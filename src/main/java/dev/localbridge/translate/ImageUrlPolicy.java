package dev.localbridge.translate;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What happens to an image given by URL ({@code "source":{"type":"url"}}), which the backend would fetch. */
public enum ImageUrlPolicy {
    /** {@code http} and {@code https} URLs are forwarded unless their host is a link-local or obscured address. */
    LIMITED,
    /** Every image URL is refused with a 400; images must come as base64. */
    REFUSED;

    /** Scheme, then the authority's host: a bracketed IPv6 literal or anything up to a port, path, query or end. */
    private static final Pattern URL = Pattern.compile(
            "(?i)([a-z][a-z0-9+.-]*):(//(?:[^/?#@]*@)?(\\[[^\\]]*\\]|[^:/?#]*))?.*", Pattern.DOTALL);
    private static final Pattern DOTTED_QUAD =
            Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    /** Hosts made only of digits, hex digits after 0x, and dots: 2852039166, 0xA9FEA9FE, 0251.0376.0251.0376. */
    private static final Pattern NUMERIC =
            Pattern.compile("(?i)(0x[0-9a-f]*|[0-9]+)(\\.(0x[0-9a-f]*|[0-9]+))*\\.?");
    /** IPv6 link-local fe80::/10, and IPv4 link-local 169.254/16 mapped or compatible into IPv6. */
    private static final Pattern LINK_LOCAL_V6 =
            Pattern.compile("(?i)fe[89ab][0-9a-f]:.*|(::ffff:|::)169\\.254\\..*|::ffff:a9fe:.*");

    /** {@code limited} or {@code refused}, in any case. */
    public static ImageUrlPolicy parse(String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "limited" -> LIMITED;
            case "refused" -> REFUSED;
            default -> throw new IllegalArgumentException("--image-urls: expected limited or refused, got " + value);
        };
    }

    /**
     * Why this image URL may not be forwarded, or null if it may. Pure: a host name is not resolved, so only
     * literal addresses are judged (a literal in any numeric spelling other than the dotted quad is refused, as
     * such spellings only serve to hide an address).
     */
    public String refusal(String url) {
        if (this == REFUSED) {
            return "image URLs are refused by this bridge (--image-urls refused); send the image as base64";
        }
        Matcher parts = URL.matcher(url.strip());
        String scheme = parts.matches() ? parts.group(1).toLowerCase(Locale.ROOT) : "";
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return "only http and https image URLs are forwarded, got "
                    + (scheme.isEmpty() ? "no scheme" : scheme + ":");
        }
        String host = parts.group(3);
        if (host == null || host.isEmpty()) {
            return "the URL has no host";
        }
        return hostRefusal(host.toLowerCase(Locale.ROOT));
    }

    private static String hostRefusal(String host) {
        boolean linkLocal;
        if (host.startsWith("[")) {
            linkLocal = LINK_LOCAL_V6.matcher(host.substring(1, host.length() - 1)).matches();
        } else if (DOTTED_QUAD.matcher(host).matches()) {
            linkLocal = host.startsWith("169.254.");
        } else if (NUMERIC.matcher(host).matches()) {
            return "the host " + host + " is an address in an unusual spelling; write it as a dotted quad";
        } else {
            return null;
        }
        return linkLocal ? "the host " + host + " is link-local (cloud metadata and similar services live there)"
                : null;
    }
}
