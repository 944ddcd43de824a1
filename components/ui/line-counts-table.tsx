import { formatInteger, formatPercent } from '@/lib/format/format-number';

export interface LineCountRow {
  key: string;
  label: string;
  lines: number;
  /** Shown in bold (a total such as the lines kept). */
  strong?: boolean;
}

/** Lines per reason with their share of the lines read, in columns kept apart: the upload preview and the data-quality report. */
export function LineCountsTable({
  caption,
  heading,
  countHeading = 'Lines',
  linesRead,
  rows,
}: {
  caption: string;
  heading: string;
  countHeading?: string;
  linesRead: number;
  rows: LineCountRow[];
}) {
  return (
    <table className="w-full text-left">
      <caption className="mb-1 text-left text-xs font-medium uppercase tracking-wide text-slate-500">{caption}</caption>
      <thead className="text-xs text-slate-500">
        <tr>
          <th scope="col" className="py-1">{heading}</th>
          <th scope="col" className="pl-4 text-right">{countHeading}</th>
          <th scope="col" className="pl-4 text-right">Share</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key} className={`border-t border-slate-100 ${row.strong ? 'font-medium' : ''} ${row.lines === 0 ? 'text-slate-400' : ''}`}>
            <td className="py-0.5">{row.label}</td>
            <td className="pl-4 text-right whitespace-nowrap tabular-nums">{formatInteger(row.lines)}</td>
            <td className="pl-4 text-right whitespace-nowrap tabular-nums">{linesRead > 0 ? formatPercent(row.lines / linesRead) : '–'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
