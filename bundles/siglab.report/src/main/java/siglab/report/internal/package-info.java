/** The HTML report of one run and the side-by-side comparison of runs, read from run folders alone. */
package siglab.report.internal;
