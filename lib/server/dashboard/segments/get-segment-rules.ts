import 'server-only';
import { DEFAULT_SEGMENT_RULES, cloneSegmentRules, validateSegmentRules } from '../../../engines/rfm/segment-rules';
import type { SegmentRule } from '../../../engines/rfm/types';
import type { SqlClient } from '../../db/sql-client';
import { getRunParameters } from './get-run-parameters';

export type SegmentRuleDto = SegmentRule;

export interface SegmentRulesInForceDto {
  /** 'run' when the run's parameters hold valid segmentRules, else the defaults. */
  source: 'run' | 'default';
  rules: SegmentRuleDto[];
}

/** The segment rules a run was scored with: its parameters' segmentRules, else DEFAULT_SEGMENT_RULES. */
export async function getSegmentRulesInForce(runId: number, sql?: SqlClient): Promise<SegmentRulesInForceDto> {
  const run = await getRunParameters(runId, sql);
  const stored = run?.parameters.segmentRules;
  if (stored !== undefined) {
    try {
      validateSegmentRules(stored);
      return { source: 'run', rules: cloneSegmentRules(stored) };
    } catch {
      // The engine would have refused invalid rules, so the run used the defaults.
    }
  }
  return { source: 'default', rules: cloneSegmentRules(DEFAULT_SEGMENT_RULES) };
}
