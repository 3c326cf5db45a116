/**
 * Objects made by the builder carry a brand under a registered symbol rather than being checked
 * with `instanceof`: a pipeline module loaded by the CLI may resolve its own copy of this package,
 * and its objects must still be recognised.
 */
export const BRAND: unique symbol = Symbol.for('pedigree.sdk.brand') as never;

/** The kinds of builder objects. */
export type BrandName = 'parameter' | 'expression' | 'condition' | 'step' | 'propertyFile' | 'pipeline';

/** True when `value` carries the given brand (works across copies of the package). */
export function hasBrand<B extends BrandName>(value: unknown, brand: B): value is { readonly [BRAND]: B } {
  return (
    (typeof value === 'object' || typeof value === 'function') && value !== null && (value as Record<symbol, unknown>)[BRAND] === brand
  );
}
