package dev.localbridge.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RoutingPolicyTest {
    private static BackendView backend(String name, boolean up, int inFlight, int capacity, int weight,
                                       String model, List<String> models, int nCtx) {
        return new BackendView(name, up, models, model, nCtx, inFlight, capacity, weight, 0);
    }

    private static BackendView equal(String name, int inFlight) {
        return backend(name, true, inFlight, 4, 1, "m", List.of(), 32768);
    }

    private static List<String> names(List<BackendView> views) {
        return views.stream().map(BackendView::name).toList();
    }

    @Test
    void a_conversation_stays_on_its_backend_even_when_another_is_less_loaded() {
        List<BackendView> pool = List.of(equal("a", 0), equal("b", 3));
        assertThat(names(RoutingPolicy.order(null, "b", pool))).containsExactly("b", "a");
    }

    @Test
    void a_conversation_whose_backend_is_full_goes_to_one_with_room_and_its_own_comes_after() {
        List<BackendView> pool = List.of(equal("a", 4), equal("b", 1), equal("c", 4));
        assertThat(names(RoutingPolicy.order(null, "a", pool))).containsExactly("b", "a", "c");
    }

    @Test
    void a_conversation_whose_backend_is_down_goes_elsewhere_and_the_down_one_is_no_candidate() {
        List<BackendView> pool = List.of(backend("a", false, 0, 4, 1, "m", List.of(), 32768), equal("b", 2));
        assertThat(names(RoutingPolicy.order(null, "a", pool))).containsExactly("b");
    }

    @Test
    void a_new_conversation_goes_to_the_least_loaded_by_weight() {
        BackendView heavy = backend("heavy", true, 2, 8, 4, "m", List.of(), 32768);
        List<BackendView> pool = List.of(equal("a", 1), heavy, equal("b", 0));
        assertThat(names(RoutingPolicy.order(null, null, pool))).containsExactly("b", "heavy", "a");
    }

    @Test
    void with_nothing_running_a_new_conversation_goes_where_fewest_conversations_live() {
        List<BackendView> pool = List.of(equal("a", 0).withConversations(2), equal("b", 0).withConversations(1),
                equal("c", 1));
        assertThat(names(RoutingPolicy.order(null, null, pool))).containsExactly("b", "a", "c");
    }

    @Test
    void only_backends_serving_the_model_are_candidates() {
        List<BackendView> pool = List.of(backend("big", true, 0, 4, 1, "qwen-30b", List.of(), 32768),
                backend("small", true, 3, 4, 1, "?", List.of("qwen-4b"), 8192));
        assertThat(names(RoutingPolicy.order("qwen-4b", null, pool))).containsExactly("small");
        assertThat(names(RoutingPolicy.order("qwen-30b", null, pool))).containsExactly("big");
    }

    @Test
    void a_model_no_backend_that_is_up_serves_goes_to_any_backend_that_is_up() {
        List<BackendView> pool = List.of(backend("big", true, 1, 4, 1, "qwen-30b", List.of(), 32768),
                backend("small", false, 0, 4, 1, "qwen-4b", List.of("qwen-4b"), 8192));
        assertThat(names(RoutingPolicy.order("qwen-4b", null, pool))).containsExactly("big");
    }

    @Test
    void nothing_is_a_candidate_when_every_backend_is_down() {
        List<BackendView> pool = List.of(backend("a", false, 0, 4, 1, "m", List.of(), 0));
        assertThat(RoutingPolicy.order(null, null, pool)).isEmpty();
    }

    @Test
    void a_prompt_too_long_goes_to_the_smallest_larger_context_where_it_fits_preferring_the_same_model() {
        BackendView small = backend("small", true, 0, 4, 1, "s", List.of(), 8192);
        BackendView other = backend("other", true, 0, 4, 1, "x", List.of(), 40000);
        BackendView same = backend("same", true, 0, 4, 1, "s", List.of(), 65536);
        BackendView huge = backend("huge", true, 0, 4, 1, "x", List.of(), 131072);
        List<BackendView> pool = List.of(small, other, same, huge);
        assertThat(RoutingPolicy.larger(20000, 2048, "s", small, pool).name()).isEqualTo("same");
        assertThat(RoutingPolicy.larger(20000, 2048, null, small, pool).name()).isEqualTo("other");
        assertThat(RoutingPolicy.larger(200000, 2048, null, small, pool).name()).isEqualTo("huge");
        assertThat(RoutingPolicy.larger(20000, 2048, null, huge, pool)).isNull();
    }
}
