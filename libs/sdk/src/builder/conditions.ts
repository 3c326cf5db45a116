/**
 * Condition builders (SageMaker ConditionEquals, ConditionGreaterThan, ..., ConditionIn,
 * ConditionNot, ConditionOr; plus And). Order comparisons only take numeric values, so comparing
 * a String parameter with `greaterThan` is a compile error as well as a validation error.
 */
import { BRAND, hasBrand } from './brand.ts';
import type { BooleanValue, NumberValue, StringValue, Value } from './expressions.ts';

/** The binary comparisons. */
export type ComparisonOperator = 'equals' | 'greaterThan' | 'greaterThanOrEqual' | 'lessThan' | 'lessThanOrEqual';

/** The data of a condition (values not yet compiled). */
export type ConditionNode =
  | { readonly kind: ComparisonOperator; readonly left: Value; readonly right: Value }
  | { readonly kind: 'in'; readonly value: Value; readonly values: readonly Value[] }
  | { readonly kind: 'not'; readonly condition: Condition }
  | { readonly kind: 'and' | 'or'; readonly conditions: readonly Condition[] };

/** A condition of a condition step. */
export interface Condition {
  readonly [BRAND]: 'condition';
  readonly node: ConditionNode;
}

/** True for a condition made by the builders of this module. */
export function isCondition(value: unknown): value is Condition {
  return hasBrand(value, 'condition');
}

type AnyValue = StringValue | NumberValue | BooleanValue;

function make(node: ConditionNode): Condition {
  return { [BRAND]: 'condition', node };
}

/** `left` equals `right`; both of one kind (string, number or boolean). */
export function equals(left: StringValue, right: StringValue): Condition;
export function equals(left: NumberValue, right: NumberValue): Condition;
export function equals(left: BooleanValue, right: BooleanValue): Condition;
export function equals(left: AnyValue, right: AnyValue): Condition {
  return make({ kind: 'equals', left: left as Value, right: right as Value });
}
/** `left > right` (numbers). */
export function greaterThan(left: NumberValue, right: NumberValue): Condition {
  return make({ kind: 'greaterThan', left: left as Value, right: right as Value });
}
/** `left >= right` (numbers). */
export function greaterThanOrEqual(left: NumberValue, right: NumberValue): Condition {
  return make({ kind: 'greaterThanOrEqual', left: left as Value, right: right as Value });
}
/** `left < right` (numbers). */
export function lessThan(left: NumberValue, right: NumberValue): Condition {
  return make({ kind: 'lessThan', left: left as Value, right: right as Value });
}
/** `left <= right` (numbers). */
export function lessThanOrEqual(left: NumberValue, right: NumberValue): Condition {
  return make({ kind: 'lessThanOrEqual', left: left as Value, right: right as Value });
}
/** `value` is one of `values` (SageMaker ConditionIn); all of one kind. */
export function In(value: StringValue, values: readonly StringValue[]): Condition;
export function In(value: NumberValue, values: readonly NumberValue[]): Condition;
export function In(value: BooleanValue, values: readonly BooleanValue[]): Condition;
export function In(value: AnyValue, values: readonly AnyValue[]): Condition {
  return make({ kind: 'in', value: value as Value, values: [...values] as Value[] });
}
/** The negation of a condition (SageMaker ConditionNot). */
export function Not(condition: Condition): Condition {
  return make({ kind: 'not', condition });
}
/** All conditions hold. */
export function And(...conditions: Condition[]): Condition {
  return make({ kind: 'and', conditions });
}
/** At least one condition holds (SageMaker ConditionOr). */
export function Or(...conditions: Condition[]): Condition {
  return make({ kind: 'or', conditions });
}

/** SageMaker-style names of the same builders. */
export const ConditionEquals = equals;
export const ConditionGreaterThan = greaterThan;
export const ConditionGreaterThanOrEqualTo = greaterThanOrEqual;
export const ConditionLessThan = lessThan;
export const ConditionLessThanOrEqualTo = lessThanOrEqual;
export const ConditionIn = In;
export const ConditionNot = Not;
export const ConditionAnd = And;
export const ConditionOr = Or;
