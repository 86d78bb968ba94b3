/** Decoding and preprocessing of signature images into the float tensors that encoders read. */
@Export
@Version("1.4.0")
package siglab.data.image;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
