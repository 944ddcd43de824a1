import 'server-only';
import { getDatabase } from '../db/database';
import { readRunMoney, type RunMoneyDto } from './read-run-money';
import { runFact } from './run-fact';

/**
 * How a run's money is counted and in which currency, for labelling revenue figures. Read once
 * per request and, behind the page cache, once per data change (the dataset's currency may be changed).
 */
export const getRunMoney: (runId: number) => Promise<RunMoneyDto> = runFact('run-money', async (runId) => readRunMoney((await getDatabase()).sql, runId));

export type { RunMoneyDto };
