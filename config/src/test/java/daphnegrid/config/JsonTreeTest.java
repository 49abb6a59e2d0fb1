package daphnegrid.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link JsonTree} reads what {@code ObjectMapper.readTree} reads, into equal trees. */
class JsonTreeTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static void same(String text) throws Exception {
    JsonNode expected = MAPPER.readTree(text);
    JsonNode actual = JsonTree.read(text);
    if (expected == null || expected.isMissingNode()) {
      assertEquals(null, actual, text);
      return;
    }
    assertEquals(expected, actual, text);
    assertEquals(expected.toString(), actual.toString(), text);
  }

  @Test
  void readsWhatObjectMapperReads() throws Exception {
    String[] texts = {
      "{\"numCols\":4,\"numRows\":2,\"valueType\":\"si64\"}",
      "  {\"numRows\": 2.0, \"numCols\": 2e0, \"valueType\": \"f64\"}  ",
      "{\"numRows\": 99999999999999999999999, \"numCols\": 3000000000, \"x\": -7}",
      "{\"a\": 1, \"a\": 2}",
      "{\"schema\": [{\"label\": \"a\\u00e9\\\"\", \"valueType\": \"si64\"}, {\"label\": null}]}",
      "{\"x\": [1, [2, [3, {}]], true, false, null, -0.0, 1.5e-300, \"\"]}",
      "{\"numRows\": 2} trailing words",
      "[1, 2, 3]",
      "\"text\"",
      "42",
      "",
      "   ",
      "{}"
    };
    for (String t : texts) {
      same(t);
    }
  }

  @Test
  void malformedTextFailsWithTheParsersMessage() {
    String[] texts = {
      "{\"numRows\": 2, \"numCols\": 2",
      "{\"numRows\": 2 \"numCols\": 2}",
      "{'numRows': 2}",
      "{\"numRows\": NaN}",
      "{\"a\": 1,}",
      "[1, 2",
      "{\"a\": tru}",
      "{\"a\": \"unterminated"
    };
    for (String t : texts) {
      JsonProcessingException expected =
          assertThrows(JsonProcessingException.class, () -> MAPPER.readTree(t), t);
      JsonProcessingException actual =
          assertThrows(JsonProcessingException.class, () -> JsonTree.read(t), t);
      assertEquals(expected.getOriginalMessage(), actual.getOriginalMessage(), t);
    }
  }

  @Test
  void randomTreesReadBackEqual() throws Exception {
    Random r = new Random(5);
    for (int i = 0; i < 300; i++) {
      same(random(r, 0));
    }
  }

  private static String random(Random r, int depth) {
    int kind = depth > 3 ? 2 + r.nextInt(5) : r.nextInt(7);
    StringBuilder sb = new StringBuilder();
    switch (kind) {
      case 0 -> {
        sb.append('{');
        int n = r.nextInt(4);
        for (int i = 0; i < n; i++) {
          sb.append(i > 0 ? "," : "").append("\"k").append(r.nextInt(3)).append("\":");
          sb.append(random(r, depth + 1));
        }
        sb.append('}');
      }
      case 1 -> {
        sb.append('[');
        int n = r.nextInt(4);
        for (int i = 0; i < n; i++) {
          sb.append(i > 0 ? ", " : "").append(random(r, depth + 1));
        }
        sb.append(']');
      }
      case 2 -> sb.append(r.nextLong() >> r.nextInt(64));
      case 3 -> sb.append(r.nextDouble() * Math.pow(10, r.nextInt(40) - 20));
      case 4 -> sb.append("\"s\\t").append((char) ('a' + r.nextInt(26))).append("\\u00fc\"");
      case 5 -> sb.append(r.nextBoolean());
      default -> sb.append("null");
    }
    return sb.toString();
  }
}
