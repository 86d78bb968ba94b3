/** Extension points for encoder architectures, losses and training loops. */
@Export
@Version("1.3.0")
package siglab.api.model;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
