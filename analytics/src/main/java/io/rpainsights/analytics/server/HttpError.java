package io.rpainsights.analytics.server;

/**
 * A request the server answers with a client error ({@code 4xx}) and {@code {"error": "..."}}. The
 * message is meant for the user: it names the parameter or route that is wrong.
 */
final class HttpError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;

  HttpError(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  int status() {
    return status;
  }

  static HttpError badRequest(String message) {
    return new HttpError(400, message);
  }

  static HttpError notFound(String message) {
    return new HttpError(404, message);
  }
}
