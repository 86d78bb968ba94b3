package siglab.launcher.internal;

import org.apache.felix.framework.Logger;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;

/** Sends the framework's own log to standard error, so standard output carries only results. */
public final class StderrLogger extends Logger {

    @Override
    protected void doLog(Bundle bundle, ServiceReference sr, int level, String msg, Throwable throwable) {
        String source = bundle == null ? "framework" : bundle.getSymbolicName();
        System.err.println("siglab: " + levelName(level) + " in " + source + ": " + msg
                + (throwable == null ? "" : " (" + throwable + ")"));
    }

    private static String levelName(int level) {
        switch (level) {
            case LOG_ERROR: return "error";
            case LOG_WARNING: return "warning";
            case LOG_INFO: return "info";
            default: return "debug";
        }
    }
}
