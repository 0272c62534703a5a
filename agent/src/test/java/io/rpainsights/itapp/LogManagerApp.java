package io.rpainsights.itapp;

import java.util.logging.LogManager;

/**
 * Chooses its own java.util.logging manager after a slow start-up (as JBoss LogManager users do),
 * then prints which manager the JVM ended up with.
 */
public final class LogManagerApp {

  private LogManagerApp() {}

  /** The application's LogManager. */
  public static final class OwnLogManager extends LogManager {}

  public static void main(String[] args) throws Exception {
    Thread.sleep(Long.getLong("itapp.startUpMs", 1500));
    System.setProperty("java.util.logging.manager", OwnLogManager.class.getName());
    System.out.println("log manager: " + LogManager.getLogManager().getClass().getName());
  }
}
