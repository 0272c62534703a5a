package io.rpainsights.bench.probe;

import io.rpainsights.agent.config.AgentConfig;
import io.rpainsights.agent.config.ConfigLoader;
import io.rpainsights.agent.config.Role;
import io.rpainsights.agent.config.Rule;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Properties;

/** The workload's agent config, loaded by the agent's own loader, for in-process benchmarks. */
public final class AgentSetup {

  private AgentSetup() {}

  /**
   * Loads {@code config} (normally {@code benchmarks/workload-rpa-insights.yaml}) with {@code
   * extraArguments} appended to the agent argument string (e.g. {@code store.path=...}).
   *
   * @throws IllegalArgumentException with the loader's one-line reason when it is unusable
   */
  public static AgentConfig load(Path config, String extraArguments) {
    String arguments =
        "config="
            + config.toAbsolutePath()
            + (extraArguments.isEmpty() ? "" : "," + extraArguments);
    ConfigLoader.Result result =
        ConfigLoader.load(arguments, new Properties(), Collections.emptyMap(), null);
    if (result.config() == null) {
      throw new IllegalArgumentException(result.fatal());
    }
    return result.config();
  }

  /** The id the advice of the first rule of {@code role} passes to the bridge. */
  public static int ruleId(AgentConfig config, Role role) {
    List<Rule> rules = config.rules(role);
    if (rules.isEmpty()) {
      throw new IllegalArgumentException("the config has no " + role.configKey() + " rule");
    }
    return rules.get(0).id();
  }
}
