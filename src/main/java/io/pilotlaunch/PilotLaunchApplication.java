package io.pilotlaunch;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class PilotLaunchApplication {

  public static void main(String[] args) {
    SpringApplication.run(PilotLaunchApplication.class, args);
  }
}
