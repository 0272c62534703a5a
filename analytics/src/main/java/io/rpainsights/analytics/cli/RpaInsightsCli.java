package io.rpainsights.analytics.cli;

import io.rpainsights.analytics.store.InvalidInputException;
import io.rpainsights.analytics.store.StoreException;
import io.rpainsights.analytics.store.StoreGoneException;
import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IFactory;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code rpa-insights} command line (DESIGN.md, "Analytics CLI"). User errors — bad options,
 * unknown workflow, missing file, a database that is not ours — print one line on stderr and exit
 * with 2; other failures, an {@link Error} such as running out of memory included, print one line
 * and exit with 1; {@code --debug} adds the stack trace.
 */
@Command(
    name = "rpa-insights",
    mixinStandardHelpOptions = true,
    versionProvider = RpaInsightsCli.Version.class,
    description = "Zero-code analytics over an RPA Insights store.",
    subcommands = {
      StatsCommand.class,
      BottlenecksCommand.class,
      DegradationCommand.class,
      CompareCommand.class,
      TrendCommand.class,
      SuccessCommand.class,
      LiveCommand.class,
      AnomaliesCommand.class,
      InsightsCommand.class,
      SummaryCommand.class,
      ReportCommand.class,
      ArchiveCommand.class,
      PruneCommand.class,
      GenerateCommand.class,
      ServeCommand.class
    })
public final class RpaInsightsCli implements Runnable {
  /** Exit code of user errors. */
  public static final int USAGE_ERROR = 2;

  @Spec CommandSpec spec;

  @Option(
      names = "--debug",
      scope = ScopeType.INHERIT,
      description = "Print stack traces of failures.")
  boolean debug;

  public static void main(String[] args) {
    PrintWriter out =
        new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
    PrintWriter err =
        new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    System.exit(run(args, out, err, Clock.systemUTC()));
  }

  /** Runs one command line with the given streams and clock; returns the exit code. */
  public static int run(String[] args, PrintWriter out, PrintWriter err, Clock clock) {
    return execute(commandLine(out, err, clock), args);
  }

  /**
   * Executes a configured command line. picocli hands only {@link Exception}s to the execution
   * exception handler; an {@link Error} (out of memory, a stack overflow) would reach the JVM and
   * print its stack trace, so it is reported here, as one line and exit code 1.
   */
  static int execute(CommandLine cl, String[] args) {
    try {
      return cl.execute(args);
    } catch (Error e) {
      return onError(e, cl, args);
    }
  }

  /** The configured picocli command line, for tests and embedding. */
  public static CommandLine commandLine(PrintWriter out, PrintWriter err, Clock clock) {
    CliContext context = new CliContext(clock);
    CommandLine cl = new CommandLine(new RpaInsightsCli(), new Factory(context));
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setOut(out);
    cl.setErr(err);
    cl.setParameterExceptionHandler(RpaInsightsCli::onParameterError);
    cl.setExecutionExceptionHandler(RpaInsightsCli::onExecutionError);
    return cl;
  }

  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(), "missing command: try 'rpa-insights --help' for the list");
  }

  private static int onParameterError(ParameterException e, String[] args) {
    CommandLine cl = e.getCommandLine();
    String name = cl.getCommandSpec().qualifiedName();
    cl.getErr().println(name + ": " + oneLine(e.getMessage()) + " (see '" + name + " --help')");
    if (contains(args, "--debug")) {
      e.printStackTrace(cl.getErr());
    }
    cl.getErr().flush();
    return USAGE_ERROR;
  }

  private static int onExecutionError(Exception e, CommandLine cl, ParseResult parsed) {
    boolean debug = parsed.expandedArgs().contains("--debug");
    PrintWriter err = cl.getErr();
    String name = cl.getCommandSpec().qualifiedName();
    int code;
    if (e instanceof InvalidInputException) {
      err.println(name + ": " + oneLine(e.getMessage()));
      code = USAGE_ERROR;
    } else if (e instanceof StoreException || e instanceof StoreGoneException) {
      err.println(name + ": " + oneLine(e.getMessage()));
      code = 1;
    } else {
      err.println(internalError(name, e, debug));
      code = 1;
    }
    if (debug) {
      e.printStackTrace(err);
    }
    err.flush();
    return code;
  }

  private static int onError(Error e, CommandLine root, String[] args) {
    ParseResult parsed = root.getParseResult();
    boolean debug =
        parsed != null ? parsed.expandedArgs().contains("--debug") : contains(args, "--debug");
    String name = commandThatRan(parsed, root).getCommandSpec().qualifiedName();
    PrintWriter err = root.getErr();
    if (e instanceof OutOfMemoryError) {
      String detail = e.getMessage() == null ? "" : " (" + oneLine(e.getMessage()) + ")";
      err.println(
          name
              + ": out of memory"
              + detail
              + "; give the JVM more heap, e.g. java -Xmx2g -jar rpa-insights.jar …");
    } else {
      err.println(internalError(name, e, debug));
    }
    if (debug) {
      e.printStackTrace(err);
    }
    err.flush();
    return 1;
  }

  /** The innermost subcommand that the arguments named, or the root if parsing got no further. */
  private static CommandLine commandThatRan(ParseResult parsed, CommandLine root) {
    if (parsed == null) {
      return root;
    }
    ParseResult deepest = parsed;
    while (deepest.hasSubcommand()) {
      deepest = deepest.subcommand();
    }
    return deepest.commandSpec().commandLine();
  }

  private static String internalError(String name, Throwable e, boolean debug) {
    return name
        + ": internal error: "
        + oneLine(String.valueOf(e))
        + (debug ? "" : " (run with --debug for the stack trace)");
  }

  private static boolean contains(String[] args, String flag) {
    for (String a : args) {
      if (flag.equals(a)) {
        return true;
      }
    }
    return false;
  }

  static String oneLine(String message) {
    if (message == null) {
      return "unknown error";
    }
    return message.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
  }

  /** Creates commands that take the {@link CliContext}, and anything else the default way. */
  private static final class Factory implements IFactory {
    private final CliContext context;
    private final IFactory fallback = CommandLine.defaultFactory();

    Factory(CliContext context) {
      this.context = context;
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
      try {
        Constructor<K> c = type.getDeclaredConstructor(CliContext.class);
        c.setAccessible(true);
        return c.newInstance(context);
      } catch (NoSuchMethodException e) {
        return fallback.create(type);
      }
    }
  }

  /** The version from the jar's manifest, or "development" when run from classes. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = RpaInsightsCli.class.getPackage().getImplementationVersion();
      return new String[] {"rpa-insights " + (v == null ? "development" : v)};
    }
  }
}
