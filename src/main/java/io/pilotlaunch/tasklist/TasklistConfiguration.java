package io.pilotlaunch.tasklist;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

@Configuration
class TasklistConfiguration {

  @Bean
  FilterRegistrationBean<TaskUpdateFormRefWorkaround> taskUpdateFormRefWorkaround() {
    FilterRegistrationBean<TaskUpdateFormRefWorkaround> registration =
        new FilterRegistrationBean<>(new TaskUpdateFormRefWorkaround());
    registration.setName("task-update-form-ref-workaround");
    registration.addUrlPatterns("/engine-rest/*", "/camunda/api/engine/*");
    // after the login (HttpBasicAuthenticationFilter): an anonymous body is never read here
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
    return registration;
  }

  @Bean
  FilterRegistrationBean<RefusalMessage> refusalMessage() {
    FilterRegistrationBean<RefusalMessage> registration =
        new FilterRegistrationBean<>(new RefusalMessage());
    registration.setName("refusal-message");
    registration.addUrlPatterns("/engine-rest/*", "/camunda/api/engine/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 21);
    return registration;
  }
}
