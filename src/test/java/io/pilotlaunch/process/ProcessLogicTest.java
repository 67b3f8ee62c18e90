package io.pilotlaunch.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilotlaunch.operations.EnhancementCandidates;
import org.junit.jupiter.api.Test;

/** The pure logic behind the listeners, without an engine. */
class ProcessLogicTest {

  @Test
  void enhancementCandidatesAreMergedOncePerLineInOrder() {
    assertThat(EnhancementCandidates.merge("Bulk import\nSSO", "  SSO \r\n\nAudit log export\n"))
        .containsExactly("Bulk import", "SSO", "Audit log export");
    assertThat(EnhancementCandidates.merge("", "")).isEmpty();
    assertThat(EnhancementCandidates.merge(null, " \n")).isEmpty();
  }

  @Test
  void aCandidateTypedTwiceDifferentlyIsOneCandidateInItsFirstSpelling() {
    assertThat(
            EnhancementCandidates.merge(
                "CSV export of the audit log\n- Bulk  import",
                "csv export of the  audit log.\n* bulk import\n• Single sign-on"))
        .containsExactly("CSV export of the audit log", "Bulk import", "Single sign-on");
  }
}
