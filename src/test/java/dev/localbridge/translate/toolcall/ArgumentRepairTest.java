package dev.localbridge.translate.toolcall;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localbridge.translate.toolcall.ArgumentRepair.Fix;
import dev.localbridge.translate.toolcall.ArgumentRepair.Result;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ArgumentRepairTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"a\": 1,}                      | {\"a\":1}             | TRAILING_COMMA",
        "{'a': 'x'}                       | {\"a\":\"x\"}         | SINGLE_QUOTES",
        "{\"a\": True, \"b\": None}       | {\"a\":true,\"b\":null} | PYTHON_LITERAL",
        "{a: 1}                           | {\"a\":1}             | UNQUOTED_KEY",
        "{\"city\": \"Par                 | {\"city\":\"Par\"}    | CLOSED_AT_END",
        "{\"a\": [1, 2                    | {\"a\":[1,2]}         | CLOSED_AT_END",
        "\"{\\\"a\\\": 1}\"               | {\"a\":1}             | DOUBLE_ENCODED",
    })
    void almost_json_is_repaired_and_says_how(String raw, String json, Fix fix) {
        Result result = ArgumentRepair.repair(raw.strip());
        assertThat(result).isInstanceOfSatisfying(Result.Valid.class, valid -> {
            assertThat(valid.json()).isEqualTo(json.strip());
            assertThat(valid.fixes()).contains(fix);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\": b c}", "[1, 2]", "\"just a string\"", "{\"a\": 1} trailing", "{\"a\"}"})
    void what_is_not_an_object_after_the_listed_repairs_stays_invalid(String raw) {
        assertThat(ArgumentRepair.repair(raw)).isInstanceOf(Result.Invalid.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\": 1}", "{ \"x\" : [true, null] }"})
    void valid_json_passes_unchanged(String raw) {
        assertThat(ArgumentRepair.repair(raw)).isInstanceOfSatisfying(Result.Valid.class, valid -> {
            assertThat(valid.json()).isEqualTo(raw);
            assertThat(valid.repaired()).isFalse();
        });
    }
}
