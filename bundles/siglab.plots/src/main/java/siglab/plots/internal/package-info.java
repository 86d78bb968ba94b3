/** Plotters that draw a stored run's history and scored pairs into PNG figures. */
package siglab.plots.internal;
