// How Go's text/template sees JavaScript values: its kinds, its truth, its comparisons.
// A plain object is a Go map with string keys, an array a slice, null/undefined nil,
// an integral number an int and any other number a float64.

export type GoMap = Record<string, unknown>;

export function isMap(value: unknown): value is GoMap {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

export function isNil(value: unknown): value is null | undefined {
  return value === null || value === undefined;
}

/** The Go type a value stands for, as Go's errors name it. */
export function goType(value: unknown): string {
  if (isNil(value)) return '<nil>';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float64';
  if (Array.isArray(value)) return '[]interface {}';
  if (typeof value === 'function') return 'func';
  if (isMap(value)) return 'map[string]interface {}';
  return typeof value;
}

/** Go's truth: false, 0, nil and empty strings, slices and maps are false. */
export function isTrue(value: unknown): boolean {
  if (isNil(value)) return false;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') return value.length > 0;
  if (typeof value === 'number') return value !== 0;
  if (Array.isArray(value)) return value.length > 0;
  if (isMap(value)) return Object.keys(value).length > 0;
  return true;
}

/** Go map keys iterate and print sorted. */
export function sortedKeys(map: GoMap): string[] {
  return Object.keys(map).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Length as Go's len: strings count UTF-8 bytes. */
export function goLength(value: unknown): number | undefined {
  if (typeof value === 'string') return Buffer.byteLength(value, 'utf8');
  if (Array.isArray(value)) return value.length;
  if (isMap(value)) return Object.keys(value).length;
  return undefined;
}
