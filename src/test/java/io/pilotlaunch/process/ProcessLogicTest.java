package io.pilotlaunch.process;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The pure logic behind the listeners, without an engine. */
class ProcessLogicTest {

  @Test
  void responseSlaDefaultsBySeverity() {
    assertThat(PilotIssueScopeListener.responseSlaFor("critical")).isEqualTo("PT1H");
    assertThat(PilotIssueScopeListener.responseSlaFor("HIGH")).isEqualTo("PT4H");
    assertThat(PilotIssueScopeListener.responseSlaFor("medium")).isEqualTo("P1D");
    assertThat(PilotIssueScopeListener.responseSlaFor("low")).isEqualTo("P3D");
    assertThat(PilotIssueScopeListener.responseSlaFor(null)).isEqualTo(PilotIssueScopeListener.FALLBACK_RESPONSE_SLA);
    assertThat(PilotIssueScopeListener.responseSlaFor("unheard-of")).isEqualTo("P1D");
  }

  @Test
  void enhancementCandidatesAreMergedOncePerLineInOrder() {
    assertThat(EnhancementCandidatesListener.merge("Bulk import\nSSO", "  SSO \r\n\nAudit log export\n"))
        .containsExactly("Bulk import", "SSO", "Audit log export");
    assertThat(EnhancementCandidatesListener.merge("", "")).isEmpty();
  }
}
