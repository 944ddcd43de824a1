import { DEFAULT_SEGMENT_DESCRIPTIONS } from '@/lib/engines/rfm/segment-actions';
import { DEFAULT_SEGMENT_RULES, OTHERS_SEGMENT, cloneSegmentRules } from '@/lib/engines/rfm/segment-rules';
import { getSegmentRulesInForce } from '@/lib/server/dashboard/segments/get-segment-rules';
import { Section } from '@/components/ui/section';
import { SegmentRulesEditor } from './segment-rules-editor';

const range = ([lo, hi]: [number, number]) => (lo === hi ? String(lo) : `${lo}–${hi}`);

export async function SegmentRulesSection({ runId }: { runId: number }) {
  const { source, rules } = await getSegmentRulesInForce(runId);
  return (
    <Section
      title="Segment rules"
      description={
        source === 'run'
          ? `Run #${runId} used its own rules. The first rule a customer’s scores match wins; customers no rule matches are in ${OTHERS_SEGMENT}.`
          : `Run #${runId} used the default rules (the R rfm package’s ten segments). The first rule a customer’s scores match wins; customers no rule matches are in ${OTHERS_SEGMENT}.`
      }
    >
      <div className="overflow-x-auto">
        <table className="w-full min-w-[40rem] text-left text-sm">
          <caption className="sr-only">Segment rules in force for run {runId}, in the order they are tried</caption>
          <thead className="text-xs uppercase text-slate-500">
            <tr>
              <th scope="col" className="py-2 pr-3">Order</th>
              <th scope="col" className="pr-3">Segment</th>
              <th scope="col" className="pr-3">Recency score</th>
              <th scope="col" className="pr-3">Frequency score</th>
              <th scope="col" className="pr-3">Monetary score</th>
              <th scope="col">Who they are</th>
            </tr>
          </thead>
          <tbody className="tabular-nums">
            {rules.map((rule, i) => (
              <tr key={rule.name} className="border-t border-slate-100 align-top">
                <td className="py-2 pr-3">{i + 1}</td>
                <th scope="row" className="py-2 pr-3 font-medium">{rule.name}</th>
                <td className="py-2 pr-3">{range(rule.recency)}</td>
                <td className="py-2 pr-3">{range(rule.frequency)}</td>
                <td className="py-2 pr-3">{range(rule.monetary)}</td>
                <td className="py-2 text-slate-600">{DEFAULT_SEGMENT_DESCRIPTIONS[rule.name] ?? 'Custom segment.'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <details className="mt-4 rounded border border-slate-200 p-3">
        <summary className="cursor-pointer font-medium text-indigo-700">Edit the rules and re-run the analysis</summary>
        <SegmentRulesEditor key={`${runId}:${JSON.stringify(rules)}`} runId={runId} rulesInForce={rules} defaultRules={cloneSegmentRules(DEFAULT_SEGMENT_RULES)} />
      </details>
    </Section>
  );
}
