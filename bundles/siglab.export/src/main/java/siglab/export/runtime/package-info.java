/**
 * What an exported SigLab model carries besides its parameters: the encoder's block as a DJL
 * {@link ai.djl.nn.BlockFactory} and SigLab's image preprocessing as DJL translators. These classes
 * are copied into the exported jar, so they may use DJL's API, Gson (which DJL brings), the JDK and
 * SigLab classes that need nothing else; never OSGi, Jackson or SigLab's services.
 */
package siglab.export.runtime;
