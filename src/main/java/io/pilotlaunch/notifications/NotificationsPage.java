package io.pilotlaunch.notifications;

import io.pilotlaunch.notifications.NotificationOutbox.Entry;
import io.pilotlaunch.web.ApiException;
import io.pilotlaunch.web.HumanTime;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * What was sent, what waits and what failed and why: everything for an admin (the operator's view),
 * one's own and one's teams' messages for everyone else. In the demo, where no mail server is
 * configured, this is where the mails are read.
 */
@Controller
@ConditionalOnProperty(name = "pilot.notifications.enabled", havingValue = "true")
class NotificationsPage {

  private static final int SHOWN = 200;
  private static final Set<String> STATUSES =
      Set.of(NotificationOutbox.PENDING, NotificationOutbox.SENT, NotificationOutbox.FAILED);

  private final NotificationOutbox outbox;
  private final IdentityService identityService;
  private final HumanTime humanTime;

  NotificationsPage(
      NotificationOutbox outbox, IdentityService identityService, HumanTime humanTime) {
    this.outbox = outbox;
    this.identityService = identityService;
    this.humanTime = humanTime;
  }

  record Row(
      long id,
      String created,
      String event,
      String channel,
      String recipient,
      String addressee,
      String subject,
      String body,
      String status,
      int attempts,
      String lastError) {}

  @GetMapping("/notifications")
  String notifications(Model model, @RequestParam(required = false) String status) {
    Optional<String> wanted = Optional.ofNullable(status).map(s -> s.toUpperCase(Locale.ROOT));
    if (wanted.isPresent() && !STATUSES.contains(wanted.get())) {
      throw new ApiException(
          HttpStatus.BAD_REQUEST,
          "status must be one of pending, sent, failed; got \"" + status + "\".");
    }
    Authentication caller = identityService.getCurrentAuthentication();
    List<String> groups = caller.getGroupIds() == null ? List.of() : caller.getGroupIds();
    Optional<Set<String>> addressees = Optional.empty();
    if (!groups.contains(Groups.CAMUNDA_ADMIN)) {
      Set<String> own = new HashSet<>(groups);
      own.add(caller.getUserId());
      addressees = Optional.of(own);
    }
    List<Row> rows = outbox.newest(addressees, wanted, SHOWN).stream().map(this::row).toList();
    model.addAttribute("rows", rows);
    model.addAttribute("everyone", addressees.isEmpty());
    model.addAttribute("userId", caller.getUserId());
    return "notifications/list";
  }

  private Row row(Entry entry) {
    return new Row(
        entry.id(),
        humanTime.when(entry.createdAt()),
        entry.event().configName(),
        entry.channel().name().toLowerCase(Locale.ROOT),
        entry.recipient(),
        entry.addressee(),
        entry.subject(),
        entry.body(),
        entry.status().toLowerCase(Locale.ROOT),
        entry.attempts(),
        entry.lastError());
  }
}
