package io.stockpot.media.ortc;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Client JSON is untrusted: whatever shape it takes, validation and negotiation either succeed or
 * throw {@link OrtcException}, never anything else.
 */
class RtpParametersFuzzTest {
  private static final Object[] ODD_VALUES = {
    null,
    "",
    "x",
    -1,
    0,
    128,
    1L << 40,
    3.5,
    Double.NaN,
    true,
    new JsonArray(),
    new JsonObject(),
    new JsonArray().add("a").add(1),
    new JsonObject().put("apt", "z"),
    "video/rtx",
    "audio/opus",
  };

  private final Random random = new Random(20240611);
  private final JsonObject router = ChromeRtp.routerCapabilities();

  @Test
  void mutatedProducerParametersOnlyEverThrowOrtcException() {
    int accepted = 0;
    for (int i = 0; i < 3000; i++) {
      JsonObject params = i % 2 == 0 ? ChromeRtp.vp8SimulcastProducer() : ChromeRtp.opusProducer();
      mutate(params, 1 + random.nextInt(3));
      try {
        JsonObject valid = RtpParametersValidator.validateRtpParameters(params);
        JsonObject mapping = ProducerRtpMapping.getProducerRtpParametersMapping(valid, router);
        String kind = i % 2 == 0 ? "video" : "audio";
        JsonObject consumable =
            ProducerRtpMapping.getConsumableRtpParameters(kind, valid, router, mapping);
        ConsumerRtpParameters.getConsumerRtpParameters(
            consumable, ChromeRtp.receiverCapabilities(), false, true);
        accepted++;
      } catch (OrtcException expected) {
        // refused cleanly
      } catch (RuntimeException e) {
        fail("escaped for " + params.encode(), e);
      }
    }
    assertTrue(accepted > 0, "some mutations stay acceptable");
  }

  @Test
  void mutatedCapabilitiesOnlyEverThrowOrtcException() {
    JsonObject params = RtpParametersValidator.validateRtpParameters(ChromeRtp.vp8Producer());
    JsonObject mapping = ProducerRtpMapping.getProducerRtpParametersMapping(params, router);
    JsonObject consumable =
        ProducerRtpMapping.getConsumableRtpParameters("video", params, router, mapping);
    for (int i = 0; i < 3000; i++) {
      JsonObject caps = ChromeRtp.receiverCapabilities();
      mutate(caps, 1 + random.nextInt(3));
      try {
        if (ConsumerRtpParameters.canConsume(consumable, caps)) {
          ConsumerRtpParameters.getConsumerRtpParameters(consumable, caps, false, true);
        }
      } catch (OrtcException expected) {
        // refused cleanly
      } catch (RuntimeException e) {
        fail("escaped for " + caps.encode(), e);
      }
    }
  }

  /** Replaces or removes {@code count} randomly chosen values anywhere in the tree. */
  private void mutate(JsonObject root, int count) {
    for (int n = 0; n < count; n++) {
      List<Object[]> slots = new ArrayList<>();
      collect(root, slots);
      Object[] slot = slots.get(random.nextInt(slots.size()));
      Object value = ODD_VALUES[random.nextInt(ODD_VALUES.length)];
      if (value instanceof JsonObject o) {
        value = o.copy();
      } else if (value instanceof JsonArray a) {
        value = a.copy();
      }
      if (slot[0] instanceof JsonObject o) {
        if (random.nextInt(4) == 0) {
          o.remove((String) slot[1]);
        } else {
          o.put((String) slot[1], value);
        }
      } else {
        ((JsonArray) slot[0]).set((Integer) slot[1], value);
      }
    }
  }

  private static void collect(Object node, List<Object[]> slots) {
    if (node instanceof JsonObject o) {
      for (String key : new ArrayList<>(o.fieldNames())) {
        slots.add(new Object[] {o, key});
        collect(o.getValue(key), slots);
      }
    } else if (node instanceof JsonArray a) {
      for (int i = 0; i < a.size(); i++) {
        slots.add(new Object[] {a, i});
        collect(a.getValue(i), slots);
      }
    }
  }
}
