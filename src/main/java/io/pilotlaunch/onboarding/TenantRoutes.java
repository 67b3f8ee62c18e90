package io.pilotlaunch.onboarding;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The table of tenant routes. */
@Repository
public class TenantRoutes {

  public static final String ACTIVE = "ACTIVE";

  public record TenantRoute(
      String tenantId,
      String environment,
      String region,
      String baseUrl,
      String status,
      Instant createdAt,
      Instant updatedAt,
      long rowVersion) {}

  private final JdbcTemplate jdbc;

  public TenantRoutes(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public Optional<TenantRoute> find(String tenantId) {
    return jdbc
        .query(
            "select tenant_id, environment, region, base_url, status, created_at, updated_at, row_version "
                + "from pilot.tenant_route where tenant_id = ?",
            (rs, row) ->
                new TenantRoute(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getString(5),
                    rs.getTimestamp(6).toInstant(),
                    rs.getTimestamp(7).toInstant(),
                    rs.getLong(8)),
            tenantId)
        .stream()
        .findFirst();
  }

  public void insert(
      String tenantId, String environment, String region, String baseUrl, Instant now) {
    jdbc.update(
        "insert into pilot.tenant_route "
            + "(tenant_id, environment, region, base_url, status, created_at, updated_at, row_version) "
            + "values (?, ?, ?, ?, ?, ?, ?, 0)",
        tenantId,
        environment,
        region,
        baseUrl,
        ACTIVE,
        Timestamp.from(now),
        Timestamp.from(now));
  }

  /** Optimistic: fails when another writer changed the row since it was read. */
  public void updateBaseUrl(TenantRoute route, String baseUrl, Instant now) {
    int updated =
        jdbc.update(
            "update pilot.tenant_route set base_url = ?, status = ?, updated_at = ?, "
                + "row_version = row_version + 1 where tenant_id = ? and row_version = ?",
            baseUrl,
            ACTIVE,
            Timestamp.from(now),
            route.tenantId(),
            route.rowVersion());
    if (updated != 1) {
      throw new IllegalStateException(
          "The route of tenant " + route.tenantId() + " changed concurrently; retry.");
    }
  }

  public boolean delete(String tenantId) {
    return jdbc.update("delete from pilot.tenant_route where tenant_id = ?", tenantId) > 0;
  }
}
