import type { ModelConfig } from '../config.ts';
import type { ShardState } from './state.ts';

// Which queue head a shard places next (paper 3.2): "comparing the ratio of price class to amount of time spent
// in the queue. This procedure ensures that high price class functions don't have to wait as long as low price
// class functions to be chosen next, but low price class functions will get placed if they have waited for a
// while." Read literally, price / wait ranks the freshest head first and starves old low-class work, the
// opposite of the stated intent. The rule is the policy's `shardRule`:
// - priceTimesWait (XX default): score = price x (wait + agingUs), the cost of delay (as in the c-mu rule). A
//   fresh high head beats a fresh low head; a low head that has waited (pHigh/pLow - 1) x agingUs longer than
//   the high head wins, so low-class waiting is bounded while placements happen.
// - priceOverWait: the literal reading, price / wait (a head that has not waited scores +Infinity).
// - priceOnly: strict priority by price (low classes can starve).
// - fcfs: the oldest head first (class-blind).
// The head with the highest score is placed; ties go to the higher class.

export function headScore(config: ModelConfig, cls: number, waitUs: number): number {
  const price = config.priceClasses[config.policy.classAware ? cls : 0].pricePerCpuS;
  switch (config.policy.shardRule) {
    case 'priceTimesWait':
      return price * (waitUs + config.policy.agingUs);
    case 'priceOverWait':
      return waitUs === 0 ? Infinity : price / waitUs;
    case 'priceOnly':
      return price;
    case 'fcfs':
      return waitUs;
  }
}

/** The class whose head the rule ranks first at `nowUs`, or -1 when every queue is empty. */
export function selectHead(s: ShardState, nowUs: number, config: ModelConfig): number {
  let best = -1;
  let bestScore = -Infinity;
  // From the highest class down, only a strictly better score displaces: ties go to the higher class.
  for (let cls = s.queues.length - 1; cls >= 0; cls--) {
    const head = s.queues[cls][0];
    if (head === undefined) continue;
    const score = headScore(config, cls, nowUs - head.enqueuedUs);
    if (score > bestScore) {
      best = cls;
      bestScore = score;
    }
  }
  return best;
}
