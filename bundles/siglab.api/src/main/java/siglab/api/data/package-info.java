/** Extension point for dataset loaders and the records describing writers, samples and cached images. */
@Export
@Version("1.2.0")
package siglab.api.data;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
