package siglab.launcher;

import ai.djl.engine.Engine;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;
import java.util.stream.Stream;
import org.apache.felix.framework.Felix;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;
import siglab.launcher.internal.FeatureSet;
import siglab.launcher.internal.LaunchException;
import siglab.launcher.internal.StderrLogger;

/**
 * Starts SigLab: initialises the deep-learning engine, boots Apache Felix with the bundles of the
 * requested features, hands the command line to the command-line service and stops.
 *
 * <p>The command line is any service of type {@code ToIntFunction<String[]>} with the property
 * {@code siglab.main=true}: a JDK type, so the launcher and the bundle that provides it share no
 * class of their own.
 *
 * <p>Launcher options, given before the command: {@code --feature NAME} (repeatable; default
 * {@code siglab.default}) and {@code --plugins DIR} (the folder FileInstall watches; default
 * {@code plugins/} of the SigLab home).
 */
public final class Main {

    /** Framework property: SigLab's home folder (the repository or installation root). */
    public static final String HOME = "siglab.home";
    /** Framework property: the features that were installed, comma-separated. */
    public static final String FEATURES = "siglab.features";
    /** Framework property: bundles that failed to start, comma-separated symbolic names. */
    public static final String FAILED = "siglab.failed";

    /** Service property that marks the command-line service. */
    public static final String MAIN_PROPERTY = "siglab.main";

    private static final long COMMAND_TIMEOUT_MS = 30_000;

    private Main() {}

    public static void main(String[] args) {
        int code;
        try {
            code = run(args);
        } catch (LaunchException e) {
            System.err.println("siglab: " + e.getMessage());
            code = 1;
        }
        System.out.flush();
        System.err.flush();
        // Halt rather than exit: MXNet's native threads can hang JVM shutdown after the work is done.
        Runtime.getRuntime().halt(code);
    }

    /** Runs one command line; returns the exit code. */
    public static int run(String[] args) {
        List<String> features = new ArrayList<>();
        Path home = Path.of(System.getProperty(HOME, System.getenv().getOrDefault("SIGLAB_HOME", ".")))
                .toAbsolutePath().normalize();
        Path plugins = home.resolve("plugins");
        Path dist = distribution();
        int first = 0;
        while (first < args.length) {
            String arg = args[first];
            if (arg.equals("--feature") && first + 1 < args.length) {
                features.add(args[first + 1]);
                first += 2;
            } else if (arg.startsWith("--feature=")) {
                features.add(arg.substring("--feature=".length()));
                first++;
            } else if (arg.equals("--plugins") && first + 1 < args.length) {
                plugins = Path.of(args[first + 1]).toAbsolutePath();
                first += 2;
            } else if (arg.startsWith("--plugins=")) {
                plugins = Path.of(arg.substring("--plugins=".length())).toAbsolutePath();
                first++;
            } else {
                break;
            }
        }
        if (features.isEmpty()) {
            features.add("siglab.default");
        }
        String[] commandArgs = java.util.Arrays.copyOfRange(args, first, args.length);

        FeatureSet featureSet = FeatureSet.read(home.resolve("features"), features, dist.resolve("bundles"));
        startEngine();
        return boot(home, plugins, dist, featureSet, commandArgs);
    }

    /**
     * Touches DJL first from the launcher's class loader: DJL finds engines through the thread's
     * context class loader, and a first call from a bundle fails for the life of the JVM.
     */
    static void startEngine() {
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("OPT_OUT_TRACKING", "true");
        System.setProperty("ai.djl.default_engine", "MXNet");
        if (System.getProperty("DJL_CACHE_DIR") == null && System.getenv("DJL_CACHE_DIR") == null) {
            System.setProperty("DJL_CACHE_DIR",
                    Path.of(System.getProperty("user.home"), ".cache", "siglab", "djl").toString());
        }
        Thread.currentThread().setContextClassLoader(Main.class.getClassLoader());
        try {
            Engine engine = Engine.getInstance();
            System.setProperty("siglab.engine", engine.getEngineName() + " " + engine.getVersion());
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            throw new LaunchException("the deep-learning engine (MXNet) did not start: " + e.getMessage());
        }
    }

    private static int boot(Path home, Path plugins, Path dist, FeatureSet featureSet, String[] args) {
        Path storage;
        try {
            storage = Files.createTempDirectory("siglab-felix-");
            Files.createDirectories(plugins);
        } catch (IOException e) {
            throw new LaunchException("cannot create the framework's storage: " + e.getMessage());
        }
        Map<String, Object> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        config.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, systemPackages(dist));
        config.put("felix.log.logger", new StderrLogger());
        config.put("felix.log.level", "1");
        config.put(HOME, home.toString());
        config.put(FEATURES, String.join(",", featureSet.names()));
        config.put("felix.fileinstall.dir", plugins.toString());
        config.put("felix.fileinstall.poll", "500");
        config.put("felix.fileinstall.noInitialDelay", "true");
        config.put("felix.fileinstall.bundles.new.start", "true");
        config.put("felix.fileinstall.log.level", "2");
        config.put("felix.fileinstall.log.default", "jul");
        config.put("felix.fileinstall.tmpdir", storage.resolve("fileinstall").toString());
        config.put("felix.fileinstall.filter", ".*\\.jar");

        Felix framework = new Felix(config);
        List<String> failed = new ArrayList<>();
        try {
            framework.init();
            BundleContext context = framework.getBundleContext();
            context.addFrameworkListener(event -> {
                if (event.getType() == FrameworkEvent.ERROR) {
                    System.err.println("siglab: error in " + event.getBundle().getSymbolicName() + ": "
                            + describe(event.getThrowable()));
                }
            });
            List<Bundle> installed = new ArrayList<>();
            for (FeatureSet.BundleJar bundleJar : featureSet.bundles()) {
                installed.add(context.installBundle(bundleJar.jar().toUri().toString()));
            }
            framework.start();
            for (Bundle bundle : installed) {
                if (bundle.getHeaders().get(Constants.FRAGMENT_HOST) != null) {
                    continue;
                }
                try {
                    bundle.start();
                } catch (BundleException | RuntimeException e) {
                    failed.add(bundle.getSymbolicName());
                    System.err.println("siglab: bundle " + bundle.getSymbolicName() + " "
                            + bundle.getVersion() + " failed to start: " + describe(e));
                }
            }
            System.setProperty(FAILED, String.join(",", failed));
            applyConfigurations(context, featureSet.configurations());
            return runCommand(context, args);
        } catch (BundleException e) {
            throw new LaunchException("the framework did not start: " + describe(e));
        } finally {
            try {
                framework.stop();
                framework.waitForStop(10_000);
            } catch (BundleException | InterruptedException e) {
                System.err.println("siglab: the framework did not stop cleanly: " + e.getMessage());
            }
            deleteQuietly(storage);
        }
    }

    private static int runCommand(BundleContext context, String[] args) {
        ServiceTracker<Object, Object> tracker;
        try {
            tracker = new ServiceTracker<>(context, context.createFilter("(&(objectClass="
                    + ToIntFunction.class.getName() + ")(" + MAIN_PROPERTY + "=true))"), null);
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        tracker.open(true);
        try {
            @SuppressWarnings("unchecked")
            ToIntFunction<String[]> command = (ToIntFunction<String[]>) tracker.waitForService(COMMAND_TIMEOUT_MS);
            if (command == null) {
                throw new LaunchException("no bundle provides the command line (is siglab.cli in the features?"
                        + " bundles that failed: " + System.getProperty(FAILED, "") + ")");
            }
            return command.applyAsInt(args);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        } finally {
            tracker.close();
        }
    }

    /** Applies feature configurations through Configuration Admin, when a feature carries any. */
    private static void applyConfigurations(BundleContext context, Map<String, Map<String, Object>> configurations) {
        if (configurations.isEmpty()) {
            return;
        }
        ServiceReference<?> reference = context.getServiceReference("org.osgi.service.cm.ConfigurationAdmin");
        if (reference == null) {
            throw new LaunchException("the features carry configurations but no Configuration Admin runs");
        }
        Object admin = context.getService(reference);
        try {
            Method getConfiguration = admin.getClass().getMethod("getConfiguration", String.class, String.class);
            for (Map.Entry<String, Map<String, Object>> entry : configurations.entrySet()) {
                Object configuration = getConfiguration.invoke(admin, entry.getKey(), "?");
                Dictionary<String, Object> values = new Hashtable<>(entry.getValue());
                configuration.getClass().getMethod("update", Dictionary.class).invoke(configuration, values);
            }
        } catch (ReflectiveOperationException e) {
            throw new LaunchException("cannot apply feature configurations: " + describe(e));
        } finally {
            context.ungetService(reference);
        }
    }

    private static String systemPackages(Path dist) {
        Path file = dist.resolve("system-packages.txt");
        try {
            return String.join(",", Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new LaunchException("the distribution is incomplete: " + file + " is missing (rebuild with mvn package)");
        }
    }

    /** The distribution folder: the parent of the lib/ folder this class was loaded from. */
    private static Path distribution() {
        String override = System.getProperty("siglab.dist");
        if (override != null) {
            return Path.of(override);
        }
        try {
            Path jar = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return jar.getParent().getParent();
        } catch (java.net.URISyntaxException e) {
            throw new LaunchException("cannot locate the distribution: " + e.getMessage());
        }
    }

    static String describe(Throwable e) {
        if (e == null) {
            return "(no detail)";
        }
        Throwable root = e;
        StringBuilder message = new StringBuilder(String.valueOf(e.getMessage()));
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
            message.append(": ").append(root.getMessage());
        }
        return message.toString();
    }

    private static void deleteQuietly(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A temporary folder left behind is harmless.
        }
    }

}
