/**
 * Numeric constants shared by every room.
 *
 * @module
 */

/**
 * The slack added to a floating-point comparison of amounts that were
 * computed two ways (a sum of products against a stated figure), so that a
 * difference of the last binary digits never flips a verdict.
 */
export const EPSILON = 1e-12;
