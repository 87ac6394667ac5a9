/**
 * Release gates for deploy pipelines, answered from the runs the service stores.
 */
package io.stressgate.server.gate;
