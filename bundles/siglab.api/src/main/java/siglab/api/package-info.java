/** Service-property keys and the configuration annotations shared by every SigLab extension point. */
@Export
@Version("1.1.0")
package siglab.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
