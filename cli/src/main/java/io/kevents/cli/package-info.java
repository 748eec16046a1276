/** The ./kevents command line. */
package io.kevents.cli;
