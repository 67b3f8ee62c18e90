package io.pilotlaunch.onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pilotlaunch.support.PostgresIntegrationTest;
import io.pilotlaunch.support.TenantHealthServer;
import io.pilotlaunch.teams.Team;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Phase 1's machine work against the real database, service by service. */
class OnboardingIT extends PostgresIntegrationTest {

  @Autowired TenantRouting routing;
  @Autowired BaselineProvisioning provisioning;
  @Autowired OnboardingVerification verification;
  @Autowired OnboardingAudit audit;
  @Autowired Baselines baselines;
  @Autowired IdentityService identityService;
  @Autowired JdbcTemplate jdbc;
  @Autowired Clock clock;

  @Test
  void routingTwiceLeavesTheRowsOfRoutingOnce() {
    routing.route("acme-route", "Acme", TEST_ENVIRONMENT, TEST_REGION, "pi-1");
    String once = rowsOf("acme-route");

    routing.route("acme-route", "Acme", TEST_ENVIRONMENT, TEST_REGION, "pi-1");

    assertThat(rowsOf("acme-route")).isEqualTo(once);
    assertThat(once).contains("ROUTE_CREATED", "/tenants/acme-route");
  }

  @Test
  void routingCreatesTheCamundaTenantWhichTheTeamsNeedNotJoin() {
    routing.route("acme-tenant", "Acme Tenant", TEST_ENVIRONMENT, TEST_REGION, "pi-2");

    assertThat(identityService.createTenantQuery().tenantId("acme-tenant").singleResult().getName())
        .isEqualTo("Acme Tenant");
    for (Team team : Team.values()) {
      assertThat(
              identityService
                  .createTenantQuery()
                  .tenantId("acme-tenant")
                  .groupMember(team.groupId())
                  .count())
          .as(team.groupId())
          .isZero();
    }
  }

  @Test
  void aTenantRoutedElsewhereIsAConflictThatChangesNothing() {
    routing.route("acme-conflict", "Acme", TEST_ENVIRONMENT, TEST_REGION, "pi-3");
    String before = rowsOf("acme-conflict");

    assertThatThrownBy(
            () -> routing.route("acme-conflict", "Acme", TEST_ENVIRONMENT, "remote", "pi-4"))
        .isInstanceOf(OnboardingConflictException.class)
        .hasMessageContaining("already routed to test/local", "asks for test/remote");
    assertThatThrownBy(() -> routing.route("acme-unknown", "Acme", "staging", "local", "pi-4"))
        .isInstanceOf(OnboardingConflictException.class)
        .hasMessageContaining("Environment 'staging' is not configured");

    assertThat(rowsOf("acme-conflict")).isEqualTo(before);
    assertThat(rowsOf("acme-unknown")).isEqualTo(rowsOf("never-seen"));
  }

  @Test
  void provisioningTwiceLeavesTheRowsOfProvisioningOnce() {
    provisioning.provision("acme-baseline", "pi-5");
    String once = rowsOf("acme-baseline");

    provisioning.provision("acme-baseline", "pi-5");

    assertThat(rowsOf("acme-baseline")).isEqualTo(once);
    assertThat(provisioning.settingsOf("acme-baseline")).isEqualTo(baselines.current().settings());
    assertThat(provisioning.matchesCurrent("acme-baseline")).isTrue();
  }

  @Test
  void aTenantOnAnOlderBaselineGetsOnlyTheDifference() {
    BaselineProvisioning atVersion1 =
        new BaselineProvisioning(new Baselines(1), jdbc, audit, clock);
    atVersion1.provision("acme-upgrade", "pi-6");
    assertThat(provisioning.versionOf("acme-upgrade")).contains(1);
    assertThat(provisioning.matchesCurrent("acme-upgrade")).isFalse();

    BaselineProvisioning.Applied applied = provisioning.provision("acme-upgrade", "pi-7");

    Map<String, String> v1 = baselines.version(1).settings();
    Map<String, String> v2 = baselines.version(2).settings();
    long changed =
        v2.keySet().stream().filter(k -> v1.containsKey(k) && !v1.get(k).equals(v2.get(k))).count();
    long added = v2.keySet().stream().filter(k -> !v1.containsKey(k)).count();
    long removed = v1.keySet().stream().filter(k -> !v2.containsKey(k)).count();
    assertThat(applied)
        .isEqualTo(new BaselineProvisioning.Applied(2, (int) added, (int) changed, (int) removed));
    assertThat(changed).isPositive();
    assertThat(removed).isPositive();
    // Settings v2 did not change keep the version that wrote them.
    assertThat(
            jdbc.queryForObject(
                "select baseline_version from pilot.tenant_baseline_setting "
                    + "where tenant_id = ? and setting_key = 'quotas.max-users'",
                Integer.class,
                "acme-upgrade"))
        .isEqualTo(1);
    assertThat(
            jdbc.queryForObject(
                "select baseline_version from pilot.tenant_baseline_setting "
                    + "where tenant_id = ? and setting_key = 'feature-flags.bulk-import'",
                Integer.class,
                "acme-upgrade"))
        .isEqualTo(2);
    assertThat(provisioning.matchesCurrent("acme-upgrade")).isTrue();
    assertThat(audit.of("acme-upgrade"))
        .extracting(OnboardingAudit.Entry::detail)
        .last()
        .asString()
        .contains(
            "Baseline v2 (from v1): "
                + added
                + " added, "
                + changed
                + " changed, "
                + removed
                + " removed");
  }

  @Test
  void rollbackLeavesOnlyTheAuditLogWhichRecordsBothDirections() {
    routing.route("acme-rollback", "Acme", TEST_ENVIRONMENT, TEST_REGION, "pi-8");
    provisioning.provision("acme-rollback", "pi-8");

    provisioning.deprovision("acme-rollback", "pi-8");
    routing.removeRoute("acme-rollback", "pi-8");
    provisioning.deprovision("acme-rollback", "pi-8");
    routing.removeRoute("acme-rollback", "pi-8");

    assertThat(count("tenant_route", "acme-rollback")).isZero();
    assertThat(count("tenant_baseline", "acme-rollback")).isZero();
    assertThat(count("tenant_baseline_setting", "acme-rollback")).isZero();
    assertThat(audit.of("acme-rollback"))
        .extracting(OnboardingAudit.Entry::action)
        .containsExactly("ROUTE_CREATED", "BASELINE_APPLIED", "BASELINE_REMOVED", "ROUTE_REMOVED");
  }

  @Test
  void verificationReportsEachCheckWithWhatItSaw() {
    routing.route("acme-verify", "Acme", TEST_ENVIRONMENT, TEST_REGION, "pi-9");
    provisioning.provision("acme-verify", "pi-9");

    OnboardingVerification.Report healthy = verification.verify("acme-verify");
    assertThat(healthy.passed()).as(healthy.text()).isTrue();
    assertThat(healthy.checks())
        .extracting(OnboardingVerification.Check::name)
        .containsExactly("route", "baseline", "health");
    assertThat(healthy.text())
        .contains(
            "PASS health: GET http://localhost:", "/tenants/acme-verify/health answered HTTP 200");

    TenantHealthServer.makeUnhealthy("acme-verify");
    try {
      OnboardingVerification.Report down = verification.verify("acme-verify");
      assertThat(down.passed()).isFalse();
      assertThat(down.failures())
          .startsWith("Tenant health check failed: GET ")
          .contains("HTTP 503")
          .doesNotContain("route", "baseline");
    } finally {
      TenantHealthServer.makeHealthy("acme-verify");
    }

    OnboardingVerification.Report unknown = verification.verify("acme-never-onboarded");
    assertThat(unknown.failures())
        .contains("no route for tenant acme-never-onboarded", "no baseline");
  }

  private long count(String table, String tenantId) {
    return jdbc.queryForObject(
        "select count(*) from pilot." + table + " where tenant_id = ?", Long.class, tenantId);
  }

  /** Every row of our tables about the tenant, as text. */
  private String rowsOf(String tenantId) {
    StringBuilder rows = new StringBuilder();
    for (String table :
        List.of("tenant_route", "tenant_baseline", "tenant_baseline_setting", "onboarding_audit")) {
      rows.append(table).append(":\n");
      jdbc.queryForList(
              "select * from pilot." + table + " where tenant_id = ? order by 2, 3", tenantId)
          .forEach(row -> rows.append(row).append('\n'));
    }
    return rows.toString();
  }
}
