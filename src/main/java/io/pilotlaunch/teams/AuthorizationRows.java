package io.pilotlaunch.teams;

import io.pilotlaunch.sql.InList;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.ibatis.exceptions.PersistenceException;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.CompositePermissionCheck;
import org.camunda.bpm.engine.impl.db.PermissionCheck;
import org.camunda.bpm.engine.impl.db.sql.DbSqlSessionFactory;
import org.camunda.bpm.engine.impl.util.ExceptionUtil;

/**
 * The grants a command's authorization check may match, read in one plain query, and the check
 * decided on them as Camunda's {@code isUserAuthorizedForResource} decides it with revoke checks
 * off: an atomic check holds when a grant of the user, a grant of one of its groups or a global
 * authorization names its resource type, and its resource id or "*", and has all its permission
 * bits; of several atomic checks (a disjunctive one), the first that holds or names a value for
 * "not found" decides. {@code AuthorizationRowsContract}, on H2 and on PostgreSQL, compares both
 * answers on random grants and checks.
 */
final class AuthorizationRows {

  private record Row(int resourceType, String resourceId, int perms) {}

  private final List<Row> rows;

  private AuthorizationRows(List<Row> rows) {
    this.rows = rows;
  }

  /**
   * The databases whose string comparison is Java's: on one that compares case-insensitively
   * (MySQL, SQL Server by default) Camunda's statement matches "Task-1" to grants of "task-1".
   */
  private static final Set<String> DATABASES =
      Set.of(DbSqlSessionFactory.H2, DbSqlSessionFactory.POSTGRES);

  /**
   * @return whether this class decides the check as Camunda's statement would: atomic checks on a
   *     resource id (or none, which only "*" grants match), one of them or any of them, on H2 or
   *     PostgreSQL
   */
  static boolean answers(CompositePermissionCheck check, String databaseType) {
    List<PermissionCheck> atomic = check.getAtomicChecks();
    List<CompositePermissionCheck> nested = check.getCompositeChecks();
    return DATABASES.contains(databaseType)
        && (nested == null || nested.isEmpty())
        && atomic != null
        && !atomic.isEmpty()
        && (atomic.size() == 1 || check.isDisjunctive())
        && atomic.stream().allMatch(one -> one.getResourceIdQueryParam() == null);
  }

  /** Reads, in the command's transaction, the grants any of the checks may match. */
  static AuthorizationRows read(
      Connection connection,
      ProcessEngineConfigurationImpl engine,
      String userId,
      List<String> groupIds,
      List<PermissionCheck> checks) {
    Set<Integer> resourceTypes = new LinkedHashSet<>();
    Set<String> resourceIds = new LinkedHashSet<>();
    for (PermissionCheck check : checks) {
      resourceTypes.add(check.getResourceType());
      if (check.getResourceId() != null) {
        resourceIds.add(check.getResourceId());
      }
    }
    resourceIds.add(Authorization.ANY);
    String sql =
        "select RESOURCE_TYPE_, RESOURCE_ID_, PERMS_ from "
            + Objects.toString(engine.getDatabaseTablePrefix(), "")
            + "ACT_RU_AUTHORIZATION where PERMS_ is not null and RESOURCE_TYPE_ in ("
            + InList.placeholders(resourceTypes.size())
            + ") and RESOURCE_ID_ in ("
            + InList.placeholders(resourceIds.size())
            + ") and ((TYPE_ = ? and USER_ID_ = ?)"
            + (groupIds.isEmpty()
                ? ""
                : " or (TYPE_ = ? and GROUP_ID_ in (" + InList.placeholders(groupIds.size()) + "))")
            + " or (TYPE_ = ? and USER_ID_ = ?))";
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      if (engine.getJdbcStatementTimeout() != null) {
        statement.setQueryTimeout(engine.getJdbcStatementTimeout());
      }
      int index = 1;
      for (int resourceType : resourceTypes) {
        statement.setInt(index++, resourceType);
      }
      for (String resourceId : resourceIds) {
        statement.setString(index++, resourceId);
      }
      statement.setInt(index++, Authorization.AUTH_TYPE_GRANT);
      if (userId == null) {
        statement.setNull(index++, Types.VARCHAR);
      } else {
        statement.setString(index++, userId);
      }
      if (!groupIds.isEmpty()) {
        statement.setInt(index++, Authorization.AUTH_TYPE_GRANT);
        for (String groupId : groupIds) {
          statement.setString(index++, groupId);
        }
      }
      statement.setInt(index++, Authorization.AUTH_TYPE_GLOBAL);
      statement.setString(index, Authorization.ANY);
      List<Row> rows = new ArrayList<>();
      try (ResultSet result = statement.executeQuery()) {
        while (result.next()) {
          rows.add(new Row(result.getInt(1), result.getString(2), result.getInt(3)));
        }
      }
      return new AuthorizationRows(rows);
    } catch (SQLException e) {
      // as Camunda wraps a failed statement of its own: no SQL in the message, the cause kept
      throw ExceptionUtil.wrapPersistenceException(new PersistenceException(e));
    }
  }

  /** The answer of Camunda's statement: 1 from the first check that has one, else none. */
  boolean authorize(CompositePermissionCheck check) {
    for (PermissionCheck atomic : check.getAtomicChecks()) {
      if (granted(atomic)) {
        return true;
      }
      Long notFound = atomic.getAuthorizationNotFoundReturnValue();
      if (notFound != null) {
        return notFound == 1L;
      }
    }
    return false;
  }

  private boolean granted(PermissionCheck check) {
    int perms = check.getPerms();
    return rows.stream()
        .anyMatch(
            row ->
                row.resourceType() == check.getResourceType()
                    && (Authorization.ANY.equals(row.resourceId())
                        || row.resourceId().equals(check.getResourceId()))
                    && (row.perms() & perms) == perms);
  }
}
