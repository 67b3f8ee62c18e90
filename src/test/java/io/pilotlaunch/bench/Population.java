package io.pilotlaunch.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Pilots ever run, made in SQL: copies of K template runs that went their whole course through the
 * REST API, in generations. Generation g copies each template k:
 *
 * <ul>
 *   <li>the engine's history of its process instances (every {@code act_hi_*} table with {@code
 *       root_proc_inst_id_}, and the history byte arrays of {@code act_ge_bytearray}), and for a
 *       pilot its Camunda tenant, tenant memberships and authorizations on the tenant, and the rows
 *       of our tables in schema {@code pilot} that belong to its tenant (by {@code tenant_id}, or
 *       by {@code pilot_run_id});
 *   <li>every id column (a varchar column ending in {@code id_}, but for definition, activity,
 *       user, group, deployment and tenant ids) becomes {@code md5(id || '/' || g)}: the same id
 *       gets the same new id in every table, so references hold; our bigint ids become {@code id +
 *       g * 10^9};
 *   <li>every value equal to the template's tenant id (tenant, business key, variable values,
 *       resource ids) becomes {@code tenant-c<g>};
 *   <li>every timestamp moves back by the same number of days, 1 to 360, spread over the copies
 *       ({@code ((g - 1) * K + k) * 7919 mod 360 + 1}): start, end and removal time keep their
 *       distance, so the removal time stays end + time to live, and about half the copies are past
 *       the 180 days of history time to live.
 * </ul>
 */
final class Population {

  /** Id columns that name something shared by all copies, by the end of their name. */
  private static final List<String> SHARED_IDS =
      List.of(
          "def_id_",
          "act_id_",
          "activity_id_",
          "user_id_",
          "group_id_",
          "assigner_id_",
          "worker_id_",
          "deployment_id_",
          "dec_req_id_",
          "tenant_id_");

  private final String jdbcUrl;
  private final int templates;
  private int generations;

  private Population(String jdbcUrl, int templates) {
    this.jdbcUrl = jdbcUrl;
    this.templates = templates;
  }

  /**
   * The process instances that ended so far are the templates (and, for a pilot, its tenant):
   * remembered in table bench_template of that database.
   */
  static Population ofEndedInstances(String jdbcUrl) throws SQLException {
    try (Connection db = DriverManager.getConnection(jdbcUrl);
        Statement sql = db.createStatement()) {
      sql.execute("drop table if exists bench_template");
      sql.execute(
          """
          create table bench_template as
          select p.root_proc_inst_id_ as root, p.tenant_id_ as tenant,
                 dense_rank() over (order by coalesce(p.tenant_id_, p.root_proc_inst_id_)) as k
          from act_hi_procinst p
          where p.root_proc_inst_id_ in
            (select root_proc_inst_id_ from act_hi_procinst where end_time_ is not null)
          and p.id_ = p.root_proc_inst_id_
          """);
      return new Population(jdbcUrl, count(sql, "select count(distinct k) from bench_template"));
    }
  }

  int templates() {
    return templates;
  }

  /** Runs ever: the templates and their copies. */
  int runs() {
    return templates * (1 + generations);
  }

  /** Adds generations until at least {@code size} runs; returns the runs added. */
  int growTo(int size) throws SQLException {
    int target = Math.max(0, (size + templates - 1) / templates - 1);
    if (target <= generations) {
      return 0;
    }
    int before = runs();
    try (Connection db = DriverManager.getConnection(jdbcUrl);
        Statement sql = db.createStatement()) {
      // One transaction: the app cleans our rows of runs without history every few seconds in
      // the benchmark, and would remove copied runs whose history was not copied yet.
      db.setAutoCommit(false);
      long rows = 0;
      for (String statement : copies(db, generations + 1, target)) {
        rows += sql.executeUpdate(statement);
      }
      db.commit();
      db.setAutoCommit(true);
      System.out.printf("bench: %d rows copied into %s%n", rows, db.getCatalog());
      sql.execute("analyze");
    }
    generations = target;
    return runs() - before;
  }

  /** The insert statements that add generations {@code from} to {@code to}. */
  private List<String> copies(Connection db, int from, int to) throws SQLException {
    Map<String, List<Column>> tables = new LinkedHashMap<>();
    Map<String, List<Column>> all = columns(db);
    // the pilot runs first: other tables of ours refer to them
    tables.put("pilot.pilot_run", all.remove("pilot.pilot_run"));
    tables.putAll(all);
    tables.remove("pilot.pilot_run", null);
    List<String> statements = new ArrayList<>();
    String roots = "bench_template t";
    String tenants = "(select distinct tenant, k from bench_template where tenant is not null) t";
    tables.forEach(
        (table, columns) -> {
          String join = null;
          if (table.startsWith("public.act_hi_") || table.equals("public.act_ge_bytearray")) {
            join =
                has(columns, "root_proc_inst_id_")
                    ? roots + " on s.root_proc_inst_id_ = t.root"
                    : null;
          } else if (table.equals("public.act_id_tenant")) {
            join = tenants + " on s.id_ = t.tenant";
          } else if (table.equals("public.act_id_tenant_member")) {
            join = tenants + " on s.tenant_id_ = t.tenant";
          } else if (table.equals("public.act_ru_authorization")) {
            join = tenants + " on s.resource_id_ = t.tenant";
          } else if (table.startsWith("pilot.") && has(columns, "tenant_id")) {
            join = tenants + " on s.tenant_id = t.tenant";
          } else if (table.startsWith("pilot.") && has(columns, "pilot_run_id")) {
            join =
                "pilot.pilot_run r on r.id = s.pilot_run_id join "
                    + tenants
                    + " on r.tenant_id = t.tenant";
          }
          if (join != null) {
            statements.add(copy(table, columns, join, from, to));
          }
        });
    return statements;
  }

  private String copy(String table, List<Column> columns, String join, int from, int to) {
    String names = columns.stream().map(Column::name).collect(Collectors.joining(", "));
    String values = columns.stream().map(c -> value(table, c)).collect(Collectors.joining(",\n  "));
    return "insert into %s (%s)\nselect\n  %s\nfrom %s s join %s\ncross join generate_series(%d, %d) g"
        .formatted(table, names, values, table, join, from, to);
  }

  private String value(String table, Column column) {
    String s = "s." + column.name();
    String days =
        "make_interval(days => ((((g - 1) * %d + t.k) * 7919) %% 360 + 1)::int)"
            .formatted(templates);
    String tenant = "case when %s = t.tenant then t.tenant || '-c' || g".formatted(s);
    if (column.type().startsWith("timestamp")) {
      return s + " - " + days;
    }
    if (column.type().equals("bigint")
        && table.startsWith("pilot.")
        && (column.name().equals("id") || column.name().endsWith("_id"))) {
      return s + " + g * 1000000000::bigint";
    }
    if (!column.type().equals("character varying")) {
      return s;
    }
    boolean ownId =
        table.startsWith("pilot.")
            ? column.name().endsWith("process_instance_id")
            : column.name().endsWith("id_")
                && SHARED_IDS.stream().noneMatch(column.name()::endsWith);
    return ownId
        ? tenant + " else md5(%s || '/' || g) end".formatted(s)
        : tenant + " else %s end".formatted(s);
  }

  private static Map<String, List<Column>> columns(Connection db) throws SQLException {
    Map<String, List<Column>> tables = new LinkedHashMap<>();
    try (ResultSet rows =
        db.createStatement()
            .executeQuery(
                """
                select c.table_schema || '.' || c.table_name, c.column_name, c.data_type
                from information_schema.columns c
                join information_schema.tables t
                  on t.table_schema = c.table_schema and t.table_name = c.table_name
                where t.table_type = 'BASE TABLE' and c.table_schema in ('public', 'pilot')
                  and c.is_generated = 'NEVER'
                order by 1, c.ordinal_position
                """)) {
      while (rows.next()) {
        tables
            .computeIfAbsent(rows.getString(1), k -> new ArrayList<>())
            .add(new Column(rows.getString(2), rows.getString(3)));
      }
    }
    return tables;
  }

  private static boolean has(List<Column> columns, String name) {
    return columns.stream().anyMatch(c -> c.name().equals(name));
  }

  static int count(Statement sql, String query) throws SQLException {
    try (ResultSet rows = sql.executeQuery(query)) {
      rows.next();
      return rows.getInt(1);
    }
  }

  private record Column(String name, String type) {}
}
