package dev.edgewise.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** RFC 7386 merge patches, with the examples of the RFC's appendix that Kubernetes relies on. */
class JsonMergePatchTest {
  private final ObjectMapper mapper = new ObjectMapper();

  @Test
  void listsAreReplacedNotAppended() throws Exception {
    assertThat(
            JsonMergePatch.apply(
                json("{\"spec\":{\"steps\":[25,50,100],\"pause\":true}}"),
                json("{\"spec\":{\"steps\":[50,100]}}")))
        .isEqualTo(json("{\"spec\":{\"steps\":[50,100],\"pause\":true}}"));
  }

  @Test
  void nullRemovesAMemberAndObjectsMergeMemberByMember() throws Exception {
    assertThat(
            JsonMergePatch.apply(
                json("{\"a\":\"b\",\"c\":{\"d\":\"e\",\"f\":\"g\"}}"),
                json("{\"a\":\"z\",\"c\":{\"f\":null}}")))
        .isEqualTo(json("{\"a\":\"z\",\"c\":{\"d\":\"e\"}}"));
  }

  @Test
  void asJsonPatchAddsEveryMemberOfTheResultAndRemovesWhatTheMergeRemoved() throws Exception {
    assertThat(
            JsonMergePatch.asJsonPatch(
                json("{\"spec\":{\"x\":[1,2]},\"a/b\":1}"),
                json("{\"spec\":{\"x\":[3]},\"a/b\":null}")))
        .isEqualTo(
            json(
                "[{\"op\":\"remove\",\"path\":\"/a~1b\"},"
                    + "{\"op\":\"add\",\"path\":\"/spec\",\"value\":{\"x\":[3]}}]"));
  }

  private JsonNode json(String text) throws Exception {
    return mapper.readTree(text);
  }
}
