package siglab.api;

/** Names shared by every SigLab plug-in: service-property keys and well-known values. */
public final class SigLab {

    /**
     * Service property naming the YAML {@code type:} value that a provider answers to, for
     * example {@code seed-cnn}. Every extension-point service must carry it.
     */
    public static final String TYPE = "siglab.type";

    /** Service property with a one-sentence description shown by {@code siglab plugins}. */
    public static final String DESCRIPTION = "siglab.description";

    /**
     * Service property naming a command that a bundle adds to the {@code siglab} command line. The
     * service is a picocli {@code @Command} object registered as {@code java.util.concurrent.Callable}
     * returning the exit code.
     *
     * @since 1.1
     */
    public static final String COMMAND = "siglab.command";

    private SigLab() {}
}
