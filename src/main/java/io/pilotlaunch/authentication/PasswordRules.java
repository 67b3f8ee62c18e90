package io.pilotlaunch.authentication;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.identity.PasswordPolicy;
import org.camunda.bpm.engine.identity.PasswordPolicyRule;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.identity.PasswordPolicyDigitRuleImpl;
import org.camunda.bpm.engine.impl.identity.PasswordPolicyLengthRuleImpl;
import org.camunda.bpm.engine.impl.identity.PasswordPolicyLowerCaseRuleImpl;
import org.camunda.bpm.engine.impl.identity.PasswordPolicySpecialCharacterRuleImpl;
import org.camunda.bpm.engine.impl.identity.PasswordPolicyUpperCaseRuleImpl;
import org.camunda.bpm.engine.impl.identity.PasswordPolicyUserDataRuleImpl;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * What a password must have ({@code pilot.passwords}), for every user and for the admin password at
 * start-up. Camunda's password policy carries the same rules, so the Admin webapp shows them.
 */
@ConfigurationProperties("pilot.passwords")
public record PasswordRules(
    int minLength,
    int minLowercase,
    int minUppercase,
    int minDigits,
    int minSpecial,
    int hashIterations) {

  public static PasswordRules of(Environment environment) {
    return Binder.get(environment)
        .bind("pilot.passwords", PasswordRules.class)
        .orElseThrow(() -> new IllegalStateException("pilot.passwords is not configured"));
  }

  private record Rule(PasswordPolicyRule camunda, String inWords) {}

  private List<Rule> rules() {
    List<Rule> rules = new ArrayList<>();
    rules.add(
        new Rule(
            new PasswordPolicyLengthRuleImpl(minLength),
            "have at least " + minLength + " characters"));
    if (minLowercase > 0) {
      rules.add(
          new Rule(
              new PasswordPolicyLowerCaseRuleImpl(minLowercase),
              count(minLowercase, "lowercase letter")));
    }
    if (minUppercase > 0) {
      rules.add(
          new Rule(
              new PasswordPolicyUpperCaseRuleImpl(minUppercase),
              count(minUppercase, "uppercase letter")));
    }
    if (minDigits > 0) {
      rules.add(new Rule(new PasswordPolicyDigitRuleImpl(minDigits), count(minDigits, "digit")));
    }
    if (minSpecial > 0) {
      rules.add(
          new Rule(
              new PasswordPolicySpecialCharacterRuleImpl(minSpecial),
              count(minSpecial, "character that is neither a letter nor a digit")));
    }
    rules.add(
        new Rule(
            new PasswordPolicyUserDataRuleImpl(),
            "not contain the user's id, name or e-mail address"));
    return rules;
  }

  private static String count(int n, String what) {
    String article = "aeiou".indexOf(what.charAt(0)) >= 0 ? "an " : "a ";
    return "have " + (n == 1 ? article + what : n + " of: " + what);
  }

  /** The rules as Camunda's policy. */
  public PasswordPolicy asCamundaPolicy() {
    List<PasswordPolicyRule> camunda = rules().stream().map(Rule::camunda).toList();
    return () -> camunda;
  }

  /**
   * @param user the user whose password it is
   * @return what the password lacks, in words; empty when it passes
   */
  public List<String> unmet(String password, User user) {
    String candidate = password == null ? "" : password;
    return rules().stream()
        .filter(rule -> !rule.camunda().execute(candidate, user))
        .map(Rule::inWords)
        .toList();
  }

  /** "The password must have at least 12 characters and have a digit." */
  public static String refusal(List<String> unmet) {
    String must =
        unmet.size() == 1
            ? unmet.get(0)
            : String.join(", ", unmet.subList(0, unmet.size() - 1))
                + " and "
                + unmet.get(unmet.size() - 1);
    return "The password must " + must + ".";
  }
}
