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
/** Node labels are set at 12 px; 7.5 px a character is wider than any of this font's letters and digits on average. */
const LABEL_PX_PER_CHARACTER = 7.5;
/** The gap between a node and its label, plus a little room before the chart's edge. */
const LABEL_GAP_PX = 6 + 8;
/** The least width the bands keep between the two columns of labels; narrower screens scroll the chart sideways. */
const MIN_BANDS_PX = 120;

/** A node's label: "Potential Loyalist (1,067)". */
const nodeLabel = (name: string, customers: number) => `${name} (${customers.toLocaleString('en-US')})`;

/** Pixels the longest of these labels needs beside its nodes (an estimate from its characters). */
function labelRoom(labels: string[]): number {
  return Math.ceil(LABEL_GAP_PX + LABEL_PX_PER_CHARACTER * Math.max(0, ...labels.map((l) => l.length)));
}

/** Customers flowing from their earlier label (left) to their later one (right), band width by customers. */
export function MigrationFlowChart({ flow, title, earlierLabel, laterLabel }: { flow: MigrationFlowDto; title: string; earlierLabel: string; laterLabel: string }) {
  const nodes = [...flow.from.map((name) => ({ name })), ...flow.to.map((name) => ({ name }))];
  const links = flow.flows
    .filter((f) => f.customers > 0)
    .map((f) => ({ source: flow.from.indexOf(f.from), target: flow.from.length + flow.to.indexOf(f.to), value: f.customers }));
  const height = Math.max(260, 28 * Math.max(flow.from.length, flow.to.length));
  // Each side's margin fits its longest label, so "Potential Loyalist (1,067)" is not cut at the edge.
  const sum = (side: 'from' | 'to', name: string) => flow.flows.reduce((total, f) => (f[side] === name ? total + f.customers : total), 0);
  const left = labelRoom(flow.from.map((name) => nodeLabel(name, sum('from', name))));
  const right = labelRoom(flow.to.map((name) => nodeLabel(name, sum('to', name))));
  const biggest = [...flow.flows].filter((f) => f.from !== f.to).sort((a, b) => b.customers - a.customers).slice(0, 3);
  return (
    <figure className="min-w-0">
      <figcaption className="mb-1 flex justify-between text-xs font-medium text-slate-600">
        <span>{earlierLabel}</span>
        <span>{laterLabel}</span>
      </figcaption>
      {/* Focusable and named: on a screen narrower than the labels and the bands need, the chart scrolls sideways. */}
      <div role="region" aria-label={`${title}, scrolls sideways on narrow screens`} tabIndex={0} className="overflow-x-auto focus-visible:outline-2 focus-visible:outline-indigo-600">
        <div
          role="img"
          aria-label={`${title}: ${biggest.length === 0 ? 'nobody changed' : `largest moves ${biggest.map((f) => `${f.customers} from ${f.from} to ${f.to}`).join(', ')}`}. The table above has every number.`}
          style={{ height, minWidth: left + right + MIN_BANDS_PX }}
        >
          {links.length > 0 ? (
            <ResponsiveContainer width="100%" height="100%">
              <Sankey
                data={{ nodes, links }}
                nodePadding={14}
                nodeWidth={10}
                sort={false}
                accessibilityLayer={false}
                margin={{ top: 8, right, bottom: 8, left }}
                link={{ stroke: '#94a3b8', strokeOpacity: 0.35 }}
                node={(props: SankeyNodeProps) => <FlowNode {...props} leftCount={flow.from.length} />}
              >
                <Tooltip formatter={(value) => [`${Number(value).toLocaleString('en-US')} customers`, '']} />
              </Sankey>
            </ResponsiveContainer>
          ) : null}
        </div>
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
        {nodeLabel(payload.name, Number(payload.value))}
      </text>
    </Layer>
  );
}
