package siglab.data.internal;

import siglab.api.Doc;

/**
 * Where the CEDAR signature database lies, in the layout it is distributed in.
 *
 * @param root the folder holding {@code full_org/} and {@code full_forg/}; relative paths are
 *     resolved against the experiment's folder
 */
@Doc("CEDAR (Kalera et al. 2004) as distributed: full_org/original_<w>_<n>.png and full_forg/forgeries_<w>_<n>.png.")
public record CedarConfig(
        @Doc("The folder holding full_org/ and full_forg/; relative paths are resolved against the experiment's folder.")
                String root) {

    /** Where the shared copy lies, seen from the repository's folder. */
    public static final String DEFAULT_ROOT = "../shared/datasets/cedar";

    public CedarConfig {
        root = root == null || root.isBlank() ? DEFAULT_ROOT : root;
    }
}
