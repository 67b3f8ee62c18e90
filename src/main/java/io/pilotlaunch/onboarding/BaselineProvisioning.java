package io.pilotlaunch.onboarding;

import io.pilotlaunch.onboarding.Baselines.Baseline;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies the current baseline to a tenant in one transaction: only the settings that differ are
 * written, so applying it twice leaves the same rows, and a tenant on an older version gets only
 * the difference.
 */
@Service
public class BaselineProvisioning {

  static final String BASELINE_APPLIED = "BASELINE_APPLIED";
  static final String BASELINE_REMOVED = "BASELINE_REMOVED";

  public record Applied(int version, int added, int changed, int removed) {
    boolean changedAnything() {
      return added + changed + removed > 0;
    }
  }

  private final Baselines baselines;
  private final JdbcTemplate jdbc;
  private final OnboardingAudit audit;
  private final Clock clock;

  public BaselineProvisioning(
      Baselines baselines, JdbcTemplate jdbc, OnboardingAudit audit, Clock clock) {
    this.baselines = baselines;
    this.jdbc = jdbc;
    this.audit = audit;
    this.clock = clock;
  }

  @Transactional
  public Applied provision(String tenantId, String processInstanceId) {
    Baseline baseline = baselines.current();
    Map<String, String> present = settingsOf(tenantId);
    int added = 0;
    int changed = 0;
    for (Map.Entry<String, String> setting : baseline.settings().entrySet()) {
      String value = present.remove(setting.getKey());
      if (value == null) {
        jdbc.update(
            "insert into pilot.tenant_baseline_setting (tenant_id, setting_key, setting_value, baseline_version) "
                + "values (?, ?, ?, ?)",
            tenantId,
            setting.getKey(),
            setting.getValue(),
            baseline.version());
        added++;
      } else if (!value.equals(setting.getValue())) {
        jdbc.update(
            "update pilot.tenant_baseline_setting set setting_value = ?, baseline_version = ? "
                + "where tenant_id = ? and setting_key = ?",
            setting.getValue(),
            baseline.version(),
            tenantId,
            setting.getKey());
        changed++;
      }
    }
    // What is left was in an older baseline and is not in this one.
    for (String obsolete : present.keySet()) {
      jdbc.update(
          "delete from pilot.tenant_baseline_setting where tenant_id = ? and setting_key = ?",
          tenantId,
          obsolete);
    }
    Applied applied = new Applied(baseline.version(), added, changed, present.size());
    Optional<Integer> recordedVersion = versionOf(tenantId);
    if (recordedVersion.isEmpty()) {
      jdbc.update(
          "insert into pilot.tenant_baseline (tenant_id, baseline_version, applied_at) values (?, ?, ?)",
          tenantId,
          baseline.version(),
          Timestamp.from(clock.instant()));
    } else if (recordedVersion.get() != baseline.version()) {
      jdbc.update(
          "update pilot.tenant_baseline set baseline_version = ?, applied_at = ? where tenant_id = ?",
          baseline.version(),
          Timestamp.from(clock.instant()),
          tenantId);
    }
    if (applied.changedAnything()
        || recordedVersion.map(v -> v != baseline.version()).orElse(true)) {
      audit.record(
          tenantId,
          BASELINE_APPLIED,
          "Baseline v"
              + baseline.version()
              + " (from "
              + recordedVersion.map(v -> "v" + v).orElse("nothing")
              + "): "
              + added
              + " added, "
              + changed
              + " changed, "
              + applied.removed()
              + " removed",
          processInstanceId);
    }
    return applied;
  }

  /** The compensation of {@link #provision}: no setting of the tenant is left. */
  @Transactional
  public void deprovision(String tenantId, String processInstanceId) {
    int settings =
        jdbc.update("delete from pilot.tenant_baseline_setting where tenant_id = ?", tenantId);
    int version = jdbc.update("delete from pilot.tenant_baseline where tenant_id = ?", tenantId);
    if (settings + version > 0) {
      audit.record(
          tenantId,
          BASELINE_REMOVED,
          "Rolled back " + settings + " baseline settings",
          processInstanceId);
    }
  }

  public Map<String, String> settingsOf(String tenantId) {
    Map<String, String> settings = new HashMap<>();
    jdbc.query(
        "select setting_key, setting_value from pilot.tenant_baseline_setting where tenant_id = ?",
        rs -> {
          settings.put(rs.getString(1), rs.getString(2));
        },
        tenantId);
    return settings;
  }

  public Optional<Integer> versionOf(String tenantId) {
    return jdbc
        .queryForList(
            "select baseline_version from pilot.tenant_baseline where tenant_id = ?",
            Integer.class,
            tenantId)
        .stream()
        .findFirst();
  }

  /** True when the tenant's settings are exactly those of the current baseline, at its version. */
  public boolean matchesCurrent(String tenantId) {
    Baseline baseline = baselines.current();
    return versionOf(tenantId).map(v -> v == baseline.version()).orElse(false)
        && new TreeMap<>(settingsOf(tenantId)).equals(baseline.settings());
  }

  public Baseline currentBaseline() {
    return baselines.current();
  }
}
