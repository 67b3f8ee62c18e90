package io.pilotlaunch.teams;

import io.pilotlaunch.support.EmbeddedPostgresDatabase;

/** {@link AuthorizationRowsContract} on PostgreSQL, production's database. */
class AuthorizationRowsIT extends AuthorizationRowsContract {

  @Override
  String jdbcUrl() {
    return EmbeddedPostgresDatabase.freshDatabase("authorization_rows");
  }
}
