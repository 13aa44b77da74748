package dev.edgewise.runtime.model;

/** A model artifact could not be loaded; the message says which artifact and why. */
public class ModelLoadException extends Exception {

  /** Creates an exception with a message naming the artifact and the cause. */
  public ModelLoadException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Creates an exception with a message naming the artifact and the problem. */
  public ModelLoadException(String message) {
    super(message);
  }
}
