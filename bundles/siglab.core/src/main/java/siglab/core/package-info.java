/** Services of the SigLab core that the command line uses: plug-ins, experiments and their problems. */
@Export
@Version("1.2.0")
package siglab.core;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
