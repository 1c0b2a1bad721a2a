import { UsageError } from '../util/errors.ts';

export async function mergeCommand(_argv: readonly string[]): Promise<number> {
  throw new UsageError('priceclass merge: not implemented yet');
}
