/**
 * Domain values to driver parameters: the one place numbers that Neo4j must store as integers
 * become driver `Integer`s. Hazard: the driver sends a plain JS number as a float, and a float is
 * refused by `LIMIT`/`SKIP` and compares unequal in some index lookups (`version: 2.0`), so every
 * integer parameter goes through `toDriverInt`.
 *
 * Timestamps need no conversion here: statements receive ISO strings and wrap them in
 * `datetime($param)`, so the database stores DateTime values. JSON documents are stringified with
 * `toJsonParam` (Neo4j properties cannot hold maps).
 */
import neo4j, { type Integer } from 'neo4j-driver';
import { InvalidArgumentError, type JsonValue } from '@pedigree/domain';

export function toDriverInt(value: number, argument = 'value'): Integer {
  if (!Number.isSafeInteger(value)) throw new InvalidArgumentError(argument, `must be an integer, got ${String(value)}`);
  return neo4j.int(value);
}

export function toNullableDriverInt(value: number | null | undefined, argument = 'value'): Integer | null {
  return value === null || value === undefined ? null : toDriverInt(value, argument);
}

export function toJsonParam(value: JsonValue | object | null | undefined): string | null {
  return value === null || value === undefined ? null : JSON.stringify(value);
}
