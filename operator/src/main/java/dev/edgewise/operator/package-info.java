/** The Edgewise operator: reconcilers, the placement planner and the sandbox cluster. */
package dev.edgewise.operator;
