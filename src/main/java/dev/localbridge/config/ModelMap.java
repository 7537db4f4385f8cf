package dev.localbridge.config;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Sends Claude Code's model ids to backend model names. Claude Code's ids change with every release
 * ({@code claude-opus-5-5} today), so ids are matched by family: an id containing {@code opus},
 * {@code sonnet} or {@code haiku} uses that family's entry, anything else {@code default}. With no entry at
 * all, the backend's own model (as probed) or the requested id is used.
 */
public final class ModelMap {
    public static final String DEFAULT = "default";
    private static final String[] FAMILIES = {"opus", "sonnet", "haiku"};
    private final Map<String, String> entries;

    private ModelMap(Map<String, String> entries) {
        this.entries = Map.copyOf(entries);
    }

    /** Keys: {@code opus}, {@code sonnet}, {@code haiku}, {@code default}. */
    public static ModelMap of(Map<String, String> entries) {
        Map<String, String> normalised = new LinkedHashMap<>();
        entries.forEach((family, model) -> {
            String key = family.strip().toLowerCase(Locale.ROOT);
            if (!key.equals(DEFAULT) && !java.util.List.of(FAMILIES).contains(key)) {
                throw new IllegalArgumentException("model map keys are opus, sonnet, haiku and default; got \""
                        + family + "\"");
            }
            if (model.isBlank()) {
                throw new IllegalArgumentException("model map entry \"" + family + "\" has no model name");
            }
            normalised.put(key, model.strip());
        });
        return new ModelMap(normalised);
    }

    public static ModelMap empty() {
        return new ModelMap(Map.of());
    }

    /** The backend model for a requested id; {@code fallback} (the backend's model, may be null) when unmapped. */
    public String resolve(String requestedId, String fallback) {
        String family = familyOf(requestedId);
        String mapped = family == null ? null : entries.get(family);
        if (mapped == null) {
            mapped = entries.get(DEFAULT);
        }
        if (mapped != null) {
            return mapped;
        }
        return fallback != null ? fallback : requestedId;
    }

    /** The backend model the map names for a requested id (its family's entry, else {@code default}), or null. */
    public String mapped(String requestedId) {
        String family = familyOf(requestedId);
        String mapped = family == null ? null : entries.get(family);
        return mapped != null ? mapped : entries.get(DEFAULT);
    }

    /** The family a requested id belongs to, or null. */
    public static String familyOf(String requestedId) {
        String id = requestedId.toLowerCase(Locale.ROOT);
        for (String family : FAMILIES) {
            if (id.contains(family)) {
                return family;
            }
        }
        return null;
    }

    /** The entries, family to backend model, in a stable order. */
    public Map<String, String> entries() {
        Map<String, String> ordered = new LinkedHashMap<>();
        for (String family : FAMILIES) {
            if (entries.containsKey(family)) {
                ordered.put(family, entries.get(family));
            }
        }
        if (entries.containsKey(DEFAULT)) {
            ordered.put(DEFAULT, entries.get(DEFAULT));
        }
        return ordered;
    }
}
