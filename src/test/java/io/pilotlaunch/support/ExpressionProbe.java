package io.pilotlaunch.support;

import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.test.context.TestComponent;

/**
 * A bean that expressions can reach by name, as an attacker's would reach any bean: a test that
 * smuggles {@code ${expressionProbe.touch()}} into a query sees whether it was ever evaluated.
 */
@TestComponent("expressionProbe")
public class ExpressionProbe {

  public static final String EXPRESSION = "${expressionProbe.touch()}";

  private final AtomicInteger calls = new AtomicInteger();

  public String touch() {
    calls.incrementAndGet();
    return "evaluated";
  }

  public int calls() {
    return calls.get();
  }
}
