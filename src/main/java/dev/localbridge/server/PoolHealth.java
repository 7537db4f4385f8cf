package dev.localbridge.server;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.localbridge.backend.BackendInfo;
import dev.localbridge.budget.ConversationSizes;
import dev.localbridge.backend.BackendPool;
import dev.localbridge.backend.PoolMember;
import dev.localbridge.config.PoolConfig;
import dev.localbridge.routing.BackendView;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/** The pool's part of {@code GET /health}: every backend as routing sees it, and the queue. */
final class PoolHealth {
    private PoolHealth() {
    }

    static void write(JsonGenerator json, BackendPool pool, PoolConfig config) throws IOException {
        List<BackendView> views = pool.views();
        Map<String, Integer> held = pool.heldSlots();
        json.writeArrayFieldStart("backends");
        for (int i = 0; i < views.size(); i++) {
            BackendView view = views.get(i);
            PoolMember member = pool.members().get(i);
            BackendInfo info = member.info();
            json.writeStartObject();
            json.writeStringField("name", view.name());
            json.writeStringField("url", member.client().baseUrl());
            json.writeStringField("configured_kind", member.spec().kind().label());
            json.writeStringField("kind", info.kind().label());
            json.writeBooleanField("up", view.up());
            json.writeStringField("model", info.model());
            json.writeArrayFieldStart("models");
            for (String model : view.models()) {
                json.writeString(model);
            }
            json.writeEndArray();
            json.writeNumberField("n_ctx", info.nCtx());
            json.writeNumberField("slots", info.slots());
            json.writeNumberField("in_flight", view.inFlight());
            json.writeNumberField("max_concurrent", view.capacity());
            json.writeNumberField("weight", view.weight());
            json.writeStringField("token_counts", info.tokenizer() ? "exact" : "estimate");
            ConversationSizes.Known known = member.sizes().known();
            json.writeObjectFieldStart("prompt_sizes_known");
            json.writeNumberField("conversations", known.conversations());
            json.writeNumberField("skeletons", known.skeletons());
            json.writeEndObject();
            if (held.containsKey(view.name())) {
                json.writeNumberField("conversations_in_slots", held.get(view.name()));
            }
            json.writeStringField("detail", info.detail());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeObjectFieldStart("queue");
        json.writeNumberField("waiting", pool.waiting());
        json.writeNumberField("max_waiting", config.maxWaiting());
        json.writeNumberField("max_wait_ms", config.maxWait().toMillis());
        json.writeEndObject();
    }
}
