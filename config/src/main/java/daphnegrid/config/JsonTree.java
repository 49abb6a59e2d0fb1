package daphnegrid.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * Reads JSON text into Jackson's tree ({@link JsonNode}) with jackson-core's streaming parser, as
 * {@code ObjectMapper.readTree} does but without an {@code ObjectMapper}: its serializers,
 * deserializers and introspection are about 400 classes, which every run that read a {@code .meta}
 * file or a configuration loaded (at start, from the start-up cache, or from the jars on JDK 17: a
 * script reading one CSV file started in 236 ms instead of 359 there).
 */
public final class JsonTree {
  private JsonTree() {}

  private static final JsonFactory JSON = new JsonFactory();

  /**
   * The first JSON value of text as a tree, null for text without one. Content after it is ignored,
   * and of keys given twice the last counts (as {@code ObjectMapper.readTree} does); integers
   * become int, long or big-integer nodes by their size, other numbers double nodes.
   */
  public static JsonNode read(String text) throws IOException {
    try (JsonParser p = JSON.createParser(text)) {
      return p.nextToken() == null ? null : value(p);
    }
  }

  /** The value starting at p's current token; leaves p on its last token. */
  private static JsonNode value(JsonParser p) throws IOException {
    JsonNodeFactory f = JsonNodeFactory.instance;
    JsonToken t = p.currentToken();
    if (t == null) {
      throw new JsonParseException(p, "Unexpected end-of-input");
    }
    switch (t) {
      case START_OBJECT -> {
        ObjectNode o = f.objectNode();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String key = p.currentName();
          p.nextToken();
          o.set(key, value(p));
        }
        return o;
      }
      case START_ARRAY -> {
        ArrayNode a = f.arrayNode();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          a.add(value(p));
        }
        return a;
      }
      case VALUE_STRING -> {
        return f.textNode(p.getText());
      }
      case VALUE_NUMBER_INT -> {
        return switch (p.getNumberType()) {
          case INT -> f.numberNode(p.getIntValue());
          case LONG -> f.numberNode(p.getLongValue());
          default -> f.numberNode(p.getBigIntegerValue());
        };
      }
      case VALUE_NUMBER_FLOAT -> {
        return f.numberNode(p.getDoubleValue());
      }
      case VALUE_TRUE, VALUE_FALSE -> {
        return f.booleanNode(t == JsonToken.VALUE_TRUE);
      }
      case VALUE_NULL -> {
        return f.nullNode();
      }
      default -> throw new IOException("unexpected JSON token " + t);
    }
  }
}
