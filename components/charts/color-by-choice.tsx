'use client';

import { useId } from 'react';

export type ColorBy = 'cluster' | 'segment';

/** The "Colour by: Cluster / RFM segment" radio pair of the scatter plots; Cluster is disabled when the run has none. */
export function ColorByChoice({ value, onChange, hasClusters, order = ['cluster', 'segment'] }: { value: ColorBy; onChange: (value: ColorBy) => void; hasClusters: boolean; order?: readonly ColorBy[] }) {
  const name = useId();
  return (
    <fieldset className="flex gap-4">
      <legend className="sr-only">Colour the points by</legend>
      <span aria-hidden="true" className="text-slate-600">
        Colour by:
      </span>
      {order.map((option) => (
        <label key={option} className="flex items-center gap-1">
          <input type="radio" name={name} value={option} checked={value === option} disabled={option === 'cluster' && !hasClusters} onChange={() => onChange(option)} />
          {option === 'cluster' ? 'Cluster' : 'RFM segment'}
        </label>
      ))}
    </fieldset>
  );
}
