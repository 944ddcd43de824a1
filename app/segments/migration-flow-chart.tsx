'use client';

import { Layer, Rectangle, ResponsiveContainer, Sankey, Tooltip, type SankeyNodeProps } from 'recharts';

export interface MigrationFlowDto {
  /** Left: labels at the earlier snapshot; right: labels at the later one. */
  from: string[];
  to: string[];
  flows: { from: string; to: string; customers: number }[];
}

const LEFT = '#6366f1';
const RIGHT = '#0d9488';

/** Customers flowing from their earlier label (left) to their later one (right), band width by customers. */
export function MigrationFlowChart({ flow, title, earlierLabel, laterLabel }: { flow: MigrationFlowDto; title: string; earlierLabel: string; laterLabel: string }) {
  const nodes = [...flow.from.map((name) => ({ name })), ...flow.to.map((name) => ({ name }))];
  const links = flow.flows
    .filter((f) => f.customers > 0)
    .map((f) => ({ source: flow.from.indexOf(f.from), target: flow.from.length + flow.to.indexOf(f.to), value: f.customers }));
  const height = Math.max(260, 28 * Math.max(flow.from.length, flow.to.length));
  const biggest = [...flow.flows].filter((f) => f.from !== f.to).sort((a, b) => b.customers - a.customers).slice(0, 3);
  return (
    <figure className="min-w-0">
      <figcaption className="mb-1 flex justify-between text-xs font-medium text-slate-600">
        <span>{earlierLabel}</span>
        <span>{laterLabel}</span>
      </figcaption>
      <div
        role="img"
        aria-label={`${title}: ${biggest.length === 0 ? 'nobody changed' : `largest moves ${biggest.map((f) => `${f.customers} from ${f.from} to ${f.to}`).join(', ')}`}. The table above has every number.`}
        style={{ height }}
      >
        {links.length > 0 ? (
          <ResponsiveContainer width="100%" height="100%">
            <Sankey
              data={{ nodes, links }}
              nodePadding={14}
              nodeWidth={10}
              sort={false}
              accessibilityLayer={false}
              margin={{ top: 8, right: 150, bottom: 8, left: 150 }}
              link={{ stroke: '#94a3b8', strokeOpacity: 0.35 }}
              node={(props: SankeyNodeProps) => <FlowNode {...props} leftCount={flow.from.length} />}
            >
              <Tooltip formatter={(value) => [`${Number(value).toLocaleString('en-US')} customers`, '']} />
            </Sankey>
          </ResponsiveContainer>
        ) : null}
      </div>
    </figure>
  );
}

function FlowNode({ x, y, width, height, index, payload, leftCount }: SankeyNodeProps & { leftCount: number }) {
  const left = index < leftCount;
  return (
    <Layer key={`node-${index}`}>
      <Rectangle x={x} y={y} width={width} height={height} fill={left ? LEFT : RIGHT} fillOpacity={0.9} />
      <text x={left ? x - 6 : x + width + 6} y={y + height / 2} textAnchor={left ? 'end' : 'start'} dominantBaseline="middle" fontSize={12} fill="#334155">
        {payload.name} ({Number(payload.value).toLocaleString('en-US')})
      </text>
    </Layer>
  );
}
