import { UsageError } from '../util/errors.ts';

export async function sweepCommand(_argv: readonly string[]): Promise<number> {
  throw new UsageError('priceclass sweep: not implemented yet');
}
