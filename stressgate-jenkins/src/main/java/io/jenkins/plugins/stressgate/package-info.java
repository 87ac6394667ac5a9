/**
 * The Jenkins plugin: Pipeline steps, build and job actions and their views, each moving data between Jenkins and the
 * engine's step layer, which decides.
 */
package io.jenkins.plugins.stressgate;
