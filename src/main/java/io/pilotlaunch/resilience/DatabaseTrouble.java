package io.pilotlaunch.resilience;

/**
 * Why a request could not use the database, as every entry point answers it: 503 with this detail
 * and Retry-After. Only an unreachable database makes the node unhealthy; a busy pool does not.
 */
public enum DatabaseTrouble {
  /** No connection can be made or kept: the database is down, or the network to it. */
  UNREACHABLE("The database cannot be reached; nothing was changed, try again shortly", "5"),
  /** The database answers, but every connection of this node's pool stayed in use too long. */
  BUSY(
      "The server is busy: all its database connections are in use; nothing was changed, try again"
          + " in a moment",
      "1");

  private final String detail;
  private final String retryAfterSeconds;

  DatabaseTrouble(String detail, String retryAfterSeconds) {
    this.detail = detail;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** The problem document's detail. */
  public String detail() {
    return detail;
  }

  /** Seconds a client should wait before sending again. */
  public String retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
