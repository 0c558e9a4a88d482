package vn.hailong;

/** A setting or environment problem that stops start-up; its message is the one line the operator sees. */
public final class StartupException extends RuntimeException {
    public StartupException(String message) {
        super(message);
    }

    public StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
