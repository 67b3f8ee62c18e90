package io.pilotlaunch.teams;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The teams of the milestone document, as Camunda groups. The group id is what user tasks name as
 * their candidate group; the demo user id is the one user per team of the demo profile.
 */
public enum Team {
  PRODUCT_MANAGEMENT("product-management", "Product Management + TPM", "pm"),
  DEVOPS_SRE("devops-sre", "DevOps + SRE", "sre"),
  SECURITY_COMPLIANCE("security-compliance", "Security + Compliance", "security"),
  QA_TESTING("qa-testing", "QA + Testing", "qa"),
  BACKEND_ENGINEERING("backend-engineering", "Backend Engineering", "backend"),
  FRONTEND_ENGINEERING("frontend-engineering", "Frontend Engineering", "frontend"),
  ARCHITECTURE("architecture", "Architecture", "architect"),
  DOCS_STANDARDS("docs-standards", "Docs + Standards", "docs");

  /** The milestone owner and the technical owner: they start, watch and abort pilots. */
  public static final List<Team> PILOT_OWNERS = List.of(PRODUCT_MANAGEMENT, DEVOPS_SRE);

  /** Camunda's group type for groups that are not the built-in admin group. */
  public static final String GROUP_TYPE = "WORKFLOW";

  private final String groupId;
  private final String displayName;
  private final String demoUserId;

  Team(String groupId, String displayName, String demoUserId) {
    this.groupId = groupId;
    this.displayName = displayName;
    this.demoUserId = demoUserId;
  }

  public String groupId() {
    return groupId;
  }

  public String displayName() {
    return displayName;
  }

  public String demoUserId() {
    return demoUserId;
  }

  /** The shared Tasklist filter that lists the team's candidate-group tasks. */
  public String filterName() {
    return displayName + " tasks";
  }

  public static Optional<Team> byGroupId(String groupId) {
    return Arrays.stream(values()).filter(team -> team.groupId.equals(groupId)).findFirst();
  }
}
