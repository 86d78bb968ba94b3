/** Extension points for threshold policies, metrics and plotters working on scored pairs. */
@Export
@Version("1.1.0")
package siglab.api.eval;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
