package dev.edgewise.runtime.tools;

import dev.edgewise.runtime.tools.fetch.DigestMismatchException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Command-line entry point for the artifact tools the operator runs as Kubernetes Jobs: {@code
 * fetch}, {@code compress}, {@code evaluate} and {@code train-demo}. Exit codes: 0 ok, 2 bad input,
 * 3 verification or accuracy refused, 1 anything else.
 */
@Command(
    name = "edgewise-tools",
    mixinStandardHelpOptions = true,
    version = "edgewise-tools 0.1.0",
    description = "Fetch, compress, evaluate and train Edgewise model artifacts.",
    subcommands = {
      FetchCommand.class,
      CompressCommand.class,
      EvaluateCommand.class,
      TrainDemoCommand.class
    })
public final class Tools implements Runnable {

  /** Success. */
  public static final int OK = 0;

  /** Anything unexpected. */
  public static final int FAILED = 1;

  /** Bad command line or input. */
  public static final int BAD_INPUT = 2;

  /** Digest or accuracy check refused the artifact. */
  public static final int REFUSED = 3;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "name a command");
  }

  /** Runs a tool and exits with its code. */
  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs a tool and returns its exit code (for tests and embedding). */
  public static int run(String... args) {
    CommandLine cli = new CommandLine(new Tools());
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          commandLine.getErr().println("error: " + e.getMessage());
          if (e instanceof IllegalArgumentException
              || e instanceof java.nio.file.NoSuchFileException) {
            return BAD_INPUT;
          }
          if (e instanceof DigestMismatchException || e instanceof RefusedException) {
            return REFUSED;
          }
          e.printStackTrace(commandLine.getErr());
          return FAILED;
        });
    return cli.execute(args);
  }

  /** An artifact failed a check (accuracy floor, accuracy drop). */
  public static final class RefusedException extends Exception {
    /** Creates the exception with a message saying which check failed and by how much. */
    public RefusedException(String message) {
      super(message);
    }
  }
}
