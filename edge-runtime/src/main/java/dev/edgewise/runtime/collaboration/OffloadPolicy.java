package dev.edgewise.runtime.collaboration;

import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * Decides, row by row, which rows go to the cloud. The same class serves requests and the {@code
 * evaluate} tool, so a measured offload rate is the one the server would have.
 *
 * <ul>
 *   <li>With a confidence threshold, a row is hard when its top-class probability is below it.
 *   <li>With only a budget of {@code b} percent, a row is hard when fewer than {@code b} percent of
 *       the last {@code window} rows had a confidence at or below its own: a running quantile, so
 *       the least confident rows are the ones sent. Until rows have been seen nothing is hard.
 *   <li>With a budget (alone or with a threshold), a hard row goes to the cloud only if then at
 *       most {@code floor(b * window / 100)} of the last {@code window} rows (itself included)
 *       went; otherwise the edge answers it ({@link Decision#OVER_BUDGET}).
 * </ul>
 *
 * <p>Thread-safe: requests on different event loops share one policy, and {@link #decide} holds its
 * lock only while it walks one request's rows.
 */
public final class OffloadPolicy {

  /**
   * What the policy was configured with.
   *
   * @param threshold a row is hard below this top-class probability, when set
   * @param budgetPercent most rows in percent of the window that may go to the cloud, when set
   * @param windowRows rows in the sliding window
   */
  public record Rule(OptionalDouble threshold, OptionalInt budgetPercent, int windowRows) {

    /** Checks that at least one of threshold and budget is set and the window is not empty. */
    public Rule {
      if (threshold.isEmpty() && budgetPercent.isEmpty()) {
        throw new IllegalArgumentException("a rule needs a threshold, a budget or both");
      }
      if (windowRows < 1) {
        throw new IllegalArgumentException("the window needs at least one row");
      }
    }
  }

  /** What happens to one row. */
  public enum Decision {
    /** Confident: the edge answers. */
    EDGE,
    /** Hard and within budget: ask the cloud. */
    CLOUD,
    /** Hard, but the budget is spent: the edge answers. */
    OVER_BUDGET
  }

  private final Rule rule;

  /** The threshold as a float, the precision confidences have: 0.9 means 0.9f. */
  private final float threshold;

  private final int cap;
  private final float[] confidences;
  private final boolean[] sent;
  private int next;
  private int filled;
  private int sentInWindow;

  /** A policy with an empty window. */
  public OffloadPolicy(Rule rule) {
    this.rule = rule;
    this.threshold = (float) rule.threshold().orElse(Double.NaN);
    int window = rule.windowRows();
    this.cap =
        rule.budgetPercent().isPresent()
            ? (int) ((long) rule.budgetPercent().getAsInt() * window / 100)
            : window;
    boolean windowed = rule.budgetPercent().isPresent();
    this.confidences = new float[windowed ? window : 0];
    this.sent = new boolean[windowed ? window : 0];
  }

  /** The rule this policy applies. */
  public Rule rule() {
    return rule;
  }

  /** Decides each row in order, given its top-class probability, and remembers it. */
  public synchronized Decision[] decide(float[] confidence) {
    Decision[] out = new Decision[confidence.length];
    for (int r = 0; r < confidence.length; r++) {
      out[r] = decideOne(confidence[r]);
    }
    return out;
  }

  private Decision decideOne(float c) {
    if (rule.budgetPercent().isEmpty()) {
      return c < threshold ? Decision.CLOUD : Decision.EDGE;
    }
    if (filled == confidences.length && sent[next]) {
      // The oldest row leaves the window this row joins.
      sent[next] = false;
      sentInWindow--;
    }
    boolean hard = rule.threshold().isPresent() ? c < threshold : inLowestQuantile(c);
    Decision d;
    if (!hard) {
      d = Decision.EDGE;
    } else if (sentInWindow < cap) {
      d = Decision.CLOUD;
    } else {
      d = Decision.OVER_BUDGET;
    }
    remember(c, d == Decision.CLOUD);
    return d;
  }

  /** Fewer than budget percent of the window's rows are at or below {@code c}. */
  private boolean inLowestQuantile(float c) {
    int atOrBelow = 0;
    for (int i = 0; i < filled; i++) {
      if (confidences[i] <= c) {
        atOrBelow++;
      }
    }
    return (long) atOrBelow * 100 < (long) rule.budgetPercent().getAsInt() * filled;
  }

  private void remember(float c, boolean wentToCloud) {
    confidences[next] = c;
    sent[next] = wentToCloud;
    if (wentToCloud) {
      sentInWindow++;
    }
    next = (next + 1) % confidences.length;
    filled = Math.min(filled + 1, confidences.length);
  }
}
