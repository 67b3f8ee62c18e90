package io.pilotlaunch.teams;

/** {@link AuthorizationRowsContract} on H2, the demo's database. */
class AuthorizationRowsTest extends AuthorizationRowsContract {

  @Override
  String jdbcUrl() {
    return "jdbc:h2:mem:authorization-rows;DB_CLOSE_DELAY=-1";
  }
}
