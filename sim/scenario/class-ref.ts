// A price class named in an input file: by its index in the class table (0 = lowest) or by its name.
// Scenario invocations and trace classOf rules both resolve them here.

export type ClassRef = number | string;

/** The class's index, or undefined when the table (classCount classes, optionally named) has no such class. */
export function classIndexOf(
  ref: ClassRef,
  classCount: number,
  classNames: readonly string[] = [],
): number | undefined {
  if (typeof ref === 'number') return Number.isInteger(ref) && ref >= 0 && ref < classCount ? ref : undefined;
  const i = classNames.indexOf(ref);
  return i >= 0 && i < classCount ? i : undefined;
}

/** What a class reference may be, for messages: `one of low, high or an index 0..1`. */
export function classChoices(classNames: readonly string[]): string {
  return `one of ${classNames.join(', ')} or an index 0..${classNames.length - 1}`;
}
